import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Job control and delivery: a per-tenant cap on running jobs and webhook defaults; on jobs a fencing
 * number per attempt, each attempt's error, and a hash of the request for Idempotency-Key checks;
 * webhook deliveries with their status codes.
 */
export class JobControl1795243572481 implements MigrationInterface {
  name = 'JobControl1795243572481';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenants" ADD "max_running_jobs" integer NOT NULL DEFAULT 4`);
    await queryRunner.query(`ALTER TABLE "tenants" ADD "webhook_url" text`);
    await queryRunner.query(`ALTER TABLE "tenants" ADD "webhook_secret" character varying(128)`);
    await queryRunner.query(`ALTER TABLE "jobs" ADD "fence" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "jobs" ADD "attempt_errors" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "jobs" ADD "request_hash" character(64)`);
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "job_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "url" text NOT NULL, "event" character varying(32) NOT NULL, "attempt" integer NOT NULL, "status_code" integer, "error" text, "duration_ms" integer, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_webhook_deliveries" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_webhook_deliveries_job_id" ON "webhook_deliveries" ("job_id") `);
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_webhook_deliveries_job_id" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_webhook_deliveries_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_webhook_deliveries_tenant_id"`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_webhook_deliveries_job_id"`);
    await queryRunner.query(`DROP INDEX "IDX_webhook_deliveries_job_id"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`ALTER TABLE "jobs" DROP COLUMN "request_hash"`);
    await queryRunner.query(`ALTER TABLE "jobs" DROP COLUMN "attempt_errors"`);
    await queryRunner.query(`ALTER TABLE "jobs" DROP COLUMN "fence"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "webhook_secret"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "webhook_url"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "max_running_jobs"`);
  }
}
