import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Tenants, API keys, assets, jobs and variants. Constraint names are chosen, not hashed. */
export class InitialSchema1795240299577 implements MigrationInterface {
  name = 'InitialSchema1795240299577';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tenants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_tenants" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "prefix" character varying(32) NOT NULL, "secret_hash" character(64) NOT NULL, "scopes" text array NOT NULL DEFAULT '{}', "minute_limit" integer NOT NULL, "daily_limit" integer NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_api_keys" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_api_keys_prefix" ON "api_keys"  ("prefix") `);
    await queryRunner.query(`CREATE INDEX "IDX_api_keys_tenant_id" ON "api_keys"  ("tenant_id") `);
    await queryRunner.query(
      `CREATE TABLE "assets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "origin" character varying(16) NOT NULL, "original_name" character varying(255) NOT NULL, "storage_key" character varying(512) NOT NULL, "mime" character varying(100) NOT NULL, "size_bytes" bigint NOT NULL, "sha256" character(64) NOT NULL, "duration_sec" double precision, "width" integer, "height" integer, "fps" double precision, "video_codec" character varying(64), "audio_codec" character varying(64), "has_video" boolean NOT NULL, "has_audio" boolean NOT NULL, "rotation" smallint NOT NULL DEFAULT '0', "probe" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_assets" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_assets_tenant_id_created_at" ON "assets"  ("tenant_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "jobs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "type" character varying(32) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'queued', "progress" smallint NOT NULL DEFAULT '0', "priority" integer NOT NULL DEFAULT '0', "attempts" integer NOT NULL DEFAULT '0', "max_attempts" integer NOT NULL, "request" jsonb NOT NULL, "inputs" jsonb NOT NULL DEFAULT '[]', "output_variant_ids" uuid array NOT NULL DEFAULT '{}', "error_code" character varying(64), "error_message" text, "idempotency_key" character varying(255), "webhook_url" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_jobs" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_jobs_tenant_id_idempotency_key" ON "jobs"  ("tenant_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_jobs_type_status_created_at" ON "jobs"  ("type", "status", "created_at") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_jobs_tenant_id_created_at" ON "jobs"  ("tenant_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "variants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "job_id" uuid NOT NULL, "source_asset_id" uuid, "source_variant_id" uuid, "kind" character varying(16) NOT NULL, "quality" character varying(16), "storage_key" character varying(512) NOT NULL, "mime" character varying(100) NOT NULL, "size_bytes" bigint NOT NULL, "duration_sec" double precision, "width" integer, "height" integer, "config" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_variants" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_variants_tenant_id_created_at" ON "variants"  ("tenant_id", "created_at") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_variants_job_id" ON "variants"  ("job_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_variants_source_asset_id" ON "variants"  ("source_asset_id") `);
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "FK_api_keys_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assets" ADD CONSTRAINT "FK_assets_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "jobs" ADD CONSTRAINT "FK_jobs_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "variants" ADD CONSTRAINT "FK_variants_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "variants" ADD CONSTRAINT "FK_variants_job_id" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "variants" ADD CONSTRAINT "FK_variants_source_asset_id" FOREIGN KEY ("source_asset_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "variants" ADD CONSTRAINT "FK_variants_source_variant_id" FOREIGN KEY ("source_variant_id") REFERENCES "variants"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "variants" DROP CONSTRAINT "FK_variants_source_variant_id"`);
    await queryRunner.query(`ALTER TABLE "variants" DROP CONSTRAINT "FK_variants_source_asset_id"`);
    await queryRunner.query(`ALTER TABLE "variants" DROP CONSTRAINT "FK_variants_job_id"`);
    await queryRunner.query(`ALTER TABLE "variants" DROP CONSTRAINT "FK_variants_tenant_id"`);
    await queryRunner.query(`ALTER TABLE "jobs" DROP CONSTRAINT "FK_jobs_tenant_id"`);
    await queryRunner.query(`ALTER TABLE "assets" DROP CONSTRAINT "FK_assets_tenant_id"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "FK_api_keys_tenant_id"`);
    await queryRunner.query(`DROP INDEX "IDX_variants_source_asset_id"`);
    await queryRunner.query(`DROP INDEX "IDX_variants_job_id"`);
    await queryRunner.query(`DROP INDEX "IDX_variants_tenant_id_created_at"`);
    await queryRunner.query(`DROP TABLE "variants"`);
    await queryRunner.query(`DROP INDEX "IDX_jobs_tenant_id_created_at"`);
    await queryRunner.query(`DROP INDEX "IDX_jobs_type_status_created_at"`);
    await queryRunner.query(`DROP INDEX "UQ_jobs_tenant_id_idempotency_key"`);
    await queryRunner.query(`DROP TABLE "jobs"`);
    await queryRunner.query(`DROP INDEX "IDX_assets_tenant_id_created_at"`);
    await queryRunner.query(`DROP TABLE "assets"`);
    await queryRunner.query(`DROP INDEX "IDX_api_keys_tenant_id"`);
    await queryRunner.query(`DROP INDEX "UQ_api_keys_prefix"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TABLE "tenants"`);
  }
}
