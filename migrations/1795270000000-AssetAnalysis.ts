import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Caches an asset's beat analysis on its row, so it is computed once per asset. */
export class AssetAnalysis1795270000000 implements MigrationInterface {
  name = 'AssetAnalysis1795270000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assets" ADD "analysis" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assets" DROP COLUMN "analysis"`);
  }
}
