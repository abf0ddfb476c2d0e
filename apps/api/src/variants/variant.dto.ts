import { ApiProperty } from '@nestjs/swagger';
import { VariantKind, variantContentUrl } from '@reelforge/contracts';
import { type VariantEntity } from '@reelforge/db';

export class VariantDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The job that made it.' })
  jobId!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null for multi-input generation.' })
  sourceAssetId!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  sourceVariantId!: string | null;

  @ApiProperty({ enum: VariantKind, enumName: 'VariantKind', description: 'The operation that made it.' })
  kind!: VariantKind;

  @ApiProperty({ nullable: true, type: String, example: '720p' })
  quality!: string | null;

  @ApiProperty({ example: 'video/mp4' })
  mime!: string;

  @ApiProperty({ description: 'Size in bytes.' })
  sizeBytes!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'Seconds, by ffprobe of the output.' })
  durationSec!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Pixels.' })
  width!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Pixels.' })
  height!: number | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The settings applied, after clamping (e.g. the end actually used).',
  })
  config!: Record<string, unknown>;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ example: '/v1/variants/0b7c…/content' })
  contentUrl!: string;
}

export function toVariantDto(variant: VariantEntity): VariantDto {
  return {
    id: variant.id,
    jobId: variant.jobId,
    sourceAssetId: variant.sourceAssetId,
    sourceVariantId: variant.sourceVariantId,
    kind: variant.kind,
    quality: variant.quality,
    mime: variant.mime,
    sizeBytes: variant.sizeBytes,
    durationSec: variant.durationSec,
    width: variant.width,
    height: variant.height,
    config: variant.config,
    createdAt: variant.createdAt,
    contentUrl: variantContentUrl(variant),
  };
}

/** A download name from server-side facts only: `<kind>-<id>.<ext>`. */
export function variantFileName(variant: Pick<VariantEntity, 'id' | 'kind' | 'storageKey'>): string {
  const extension = variant.storageKey.split('.').pop() ?? 'bin';
  return `${variant.kind}-${variant.id}.${extension}`;
}
