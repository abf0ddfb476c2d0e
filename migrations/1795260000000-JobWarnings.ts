import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** What a job wants its caller to know without failing: a template fell back to equal cuts, a clip ran short. */
export class JobWarnings1795260000000 implements MigrationInterface {
  name = 'JobWarnings1795260000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "jobs" ADD "warnings" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "jobs" DROP COLUMN "warnings"`);
  }
}
