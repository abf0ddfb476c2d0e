import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { JobLinksDto } from '../jobs/job.dto.js';
import { AssetDto } from './asset.dto.js';

/** Analyses an upload can ask for on arrival. */
export const UPLOAD_ANALYSES = ['beats'] as const;

export class UploadQueryDto {
  @ApiPropertyOptional({
    enum: UPLOAD_ANALYSES,
    description:
      '`beats`: queue the beat analysis (GET /v1/assets/{id}/analysis) as soon as the file is stored, so a timeline ' +
      'can snap cuts to beats without waiting for it later.',
  })
  @IsOptional()
  @IsIn(UPLOAD_ANALYSES)
  analyze?: (typeof UPLOAD_ANALYSES)[number];
}

export class UploadAnalysisDto {
  @ApiProperty({
    enum: ['queued', 'cached', 'unavailable'],
    description: '`unavailable`: the file has no audio stream; the upload itself succeeded.',
  })
  status!: 'queued' | 'cached' | 'unavailable';

  @ApiPropertyOptional({ format: 'uuid', description: 'The analysis job, when queued.' })
  jobId?: string;

  @ApiPropertyOptional({ type: JobLinksDto })
  links?: JobLinksDto;

  @ApiPropertyOptional({ example: 'The asset has no audio stream' })
  reason?: string;
}

export class UploadedAssetDto extends AssetDto {
  @ApiPropertyOptional({ type: UploadAnalysisDto, description: 'With ?analyze=beats only.' })
  analysis?: UploadAnalysisDto;
}
