import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Projects: saved compositions, every version kept, and their renders (generate jobs). */
export class Projects1796396927742 implements MigrationInterface {
  name = 'Projects1796396927742';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "projects" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "name" character varying(200) NOT NULL,
        "tags" jsonb NOT NULL DEFAULT '{}',
        "version" integer NOT NULL,
        "composition" jsonb NOT NULL,
        "content_hash" character(64) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_projects" PRIMARY KEY ("id"),
        CONSTRAINT "FK_projects_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_projects_tenant_id_created_at" ON "projects" ("tenant_id", "created_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "project_versions" (
        "project_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "name" character varying(200) NOT NULL,
        "tags" jsonb NOT NULL DEFAULT '{}',
        "composition" jsonb NOT NULL,
        "content_hash" character(64) NOT NULL,
        "origin" character varying(16) NOT NULL,
        "restored_from" integer,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_project_versions" PRIMARY KEY ("project_id", "version"),
        CONSTRAINT "FK_project_versions_project_id" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "project_renders" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "project_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "content_hash" character(64) NOT NULL,
        "job_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_project_renders" PRIMARY KEY ("id"),
        CONSTRAINT "FK_project_renders_project_id" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_project_renders_job_id" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_project_renders_project_id_created_at" ON "project_renders" ("project_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_project_renders_project_id_content_hash" ON "project_renders" ("project_id", "content_hash")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "project_renders"`);
    await queryRunner.query(`DROP TABLE "project_versions"`);
    await queryRunner.query(`DROP TABLE "projects"`);
  }
}
