import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Uploaded fonts are found by the family name a text layer asks for, per tenant. */
export class AssetFontFamily1795242937722 implements MigrationInterface {
  name = 'AssetFontFamily1795242937722';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assets" ADD "font_family" character varying(200)`);
    await queryRunner.query(
      `CREATE INDEX "IDX_assets_tenant_id_font_family" ON "assets" ("tenant_id", "font_family") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_assets_tenant_id_font_family"`);
    await queryRunner.query(`ALTER TABLE "assets" DROP COLUMN "font_family"`);
  }
}
