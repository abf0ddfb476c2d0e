import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JobStatus, JobType } from '@reelforge/contracts';
import { IsEnum, IsOptional } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../http/pagination.dto.js';

export class JobErrorDto {
  @ApiProperty({ example: 'invalid_media', description: 'A stable snake_case code.' })
  code!: string;

  @ApiProperty({ example: 'The source has no video or audio stream' })
  message!: string;
}

export class JobOutputDto {
  @ApiProperty({ format: 'uuid' })
  variantId!: string;

  @ApiProperty({ example: '/v1/variants/0b7c…/content', description: 'Where to download this output.' })
  url!: string;

  @ApiProperty({ example: 'trim', description: 'The variant kind.' })
  kind!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '720p',
    description: 'The ladder rung, `master` for an HLS master playlist, `poster` for a poster.',
  })
  quality!: string | null;
}

export class JobLinksDto {
  @ApiProperty({ example: '/v1/jobs/5d2e…' })
  self!: string;

  @ApiProperty({ example: '/v1/jobs/5d2e…/result', description: 'The main output once the job succeeded.' })
  result!: string;
}

export class JobDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: JobType, enumName: 'JobType', description: 'The operation.' })
  type!: JobType;

  @ApiProperty({
    enum: JobStatus,
    enumName: 'JobStatus',
    description:
      'queued -> processing -> succeeded | failed | canceled. A transient fault sends it back to queued for a retry.',
  })
  status!: JobStatus;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Percent done, from ffmpeg progress; 100 once succeeded.' })
  progress!: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    example: 2,
    description: 'Jobs of this type that run before this one (0 = next); null once it has started.',
  })
  queuePosition!: number | null;

  @ApiProperty({ description: 'Attempts started so far; transient faults are retried.' })
  attempts!: number;

  @ApiProperty({ description: 'Attempts allowed before the job fails for good.' })
  maxAttempts!: number;

  @ApiProperty({ type: JobErrorDto, nullable: true, description: 'Why it failed, or why the last attempt failed.' })
  error!: JobErrorDto | null;

  @ApiProperty({ type: [JobOutputDto], description: 'Filled once succeeded; the first is the main output.' })
  outputs!: JobOutputDto[];

  @ApiProperty({ description: 'The validated request, as accepted.', type: 'object', additionalProperties: true })
  request!: Record<string, unknown>;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ nullable: true, type: Date })
  startedAt!: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  finishedAt!: Date | null;

  @ApiProperty({ type: JobLinksDto })
  links!: JobLinksDto;
}

/** The answer to every operation: 202 with where to follow the job. */
export class JobAcceptedDto {
  @ApiProperty({ format: 'uuid' })
  jobId!: string;

  @ApiProperty({ enum: JobStatus, enumName: 'JobStatus', example: JobStatus.Queued })
  status!: JobStatus;

  @ApiProperty({ nullable: true, type: Number, example: 0, description: 'Jobs of this type ahead of this one.' })
  queuePosition!: number | null;

  @ApiProperty({ type: JobLinksDto })
  links!: JobLinksDto;
}

export class SkippedQualityDto {
  @ApiProperty({ example: '1080p', description: 'The rung that was not made.' })
  quality!: string;

  @ApiProperty({ example: 'the source is 1280x720; 1080p would upscale it' })
  reason!: string;
}

export class TranscodeAcceptedDto extends JobAcceptedDto {
  @ApiProperty({
    type: [SkippedQualityDto],
    description: 'Requested rungs above the source, which are never upscaled.',
  })
  skipped!: SkippedQualityDto[];
}

export class ListJobsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: JobStatus, enumName: 'JobStatus' })
  @IsOptional()
  @IsEnum(JobStatus)
  status?: JobStatus;

  @ApiPropertyOptional({ enum: JobType, enumName: 'JobType' })
  @IsOptional()
  @IsEnum(JobType)
  type?: JobType;
}

export class JobPageDto extends PageMetaDto {
  @ApiProperty({ type: [JobDto], description: 'Newest first.' })
  items!: JobDto[];
}
