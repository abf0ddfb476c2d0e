import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Keeps the queue payload with its row, so a job can be enqueued again after its Bull job is gone:
 * a retry of a failed or canceled job, and the reconciler after Redis lost its data.
 */
export class JobQueuePayload1795250000000 implements MigrationInterface {
  name = 'JobQueuePayload1795250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "jobs" ADD "queue_payload" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "jobs" DROP COLUMN "queue_payload"`);
  }
}
