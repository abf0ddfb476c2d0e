import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The end of ffmpeg's stderr for a job's final attempt: the render log a project shows. */
export class JobStderrTail1796396927743 implements MigrationInterface {
  name = 'JobStderrTail1796396927743';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "jobs" ADD "stderr_tail" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "jobs" DROP COLUMN "stderr_tail"`);
  }
}
