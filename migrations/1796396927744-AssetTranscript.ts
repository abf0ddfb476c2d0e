import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Word timings of a captions asset made by transcription. */
export class AssetTranscript1796396927744 implements MigrationInterface {
  name = 'AssetTranscript1796396927744';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assets" ADD "transcript" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assets" DROP COLUMN "transcript"`);
  }
}
