import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiErrorCode, JobPriority, JobStatus, JobType } from '@reelforge/contracts';
import { IsEnum, IsOptional } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../http/pagination.dto.js';

export class JobErrorDto {
  @ApiProperty({ enum: ApiErrorCode, enumName: 'ErrorCode', example: ApiErrorCode.InvalidMedia })
  code!: string;

  @ApiProperty({ example: 'The source has no video or audio stream' })
  message!: string;
}

export class AttemptErrorDto {
  @ApiProperty({ example: 1, description: '1-based attempt number.' })
  attempt!: number;

  @ApiProperty({ enum: ApiErrorCode, enumName: 'ErrorCode', example: ApiErrorCode.Internal })
  code!: string;

  @ApiProperty({ example: 'connect ECONNREFUSED' })
  message!: string;

  @ApiProperty({ example: '2026-01-01T12:00:00.000Z', description: 'When the attempt failed (ISO 8601).' })
  at!: string;
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

  @ApiProperty({
    nullable: true,
    type: Number,
    example: 42,
    description:
      'Rough seconds until this job finishes: the mean run time of the last 20 succeeded jobs of its type ' +
      '(all tenants) times the waves ahead of it, floor(queuePosition / WORKER_CONCURRENCY) + 1, while queued; ' +
      'that mean times the share not yet done while processing. Null when finished or with no history.',
  })
  etaSec!: number | null;

  @ApiProperty({ enum: JobPriority, enumName: 'JobPriority', description: 'Higher runs first within a type.' })
  priority!: JobPriority;

  @ApiProperty({ description: 'Attempts started so far, manual retries included; transient faults are retried.' })
  attempts!: number;

  @ApiProperty({
    description: 'Attempts allowed before the job fails for good; a manual retry grants a fresh round.',
  })
  maxAttempts!: number;

  @ApiProperty({ type: JobErrorDto, nullable: true, description: 'Why it failed, or why the last attempt failed.' })
  error!: JobErrorDto | null;

  @ApiProperty({ type: [AttemptErrorDto], description: 'Every failed attempt, oldest first.' })
  attemptErrors!: AttemptErrorDto[];

  @ApiProperty({
    type: [String],
    description: 'Notes on a job that did not fail because of them, e.g. a template that fell back to equal cuts.',
  })
  warnings!: string[];

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

  @ApiProperty({ nullable: true, type: Number, example: 12, description: 'As in the job body; null without history.' })
  etaSec!: number | null;

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

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'job.succeeded', enum: ['job.succeeded', 'job.failed', 'job.canceled'] })
  event!: string;

  @ApiProperty({ example: 'https://example.com/hooks/reelforge' })
  url!: string;

  @ApiProperty({ example: 1, description: '1-based attempt of this delivery.' })
  attempt!: number;

  @ApiProperty({ nullable: true, type: Number, example: 200, description: 'Null when no answer came.' })
  statusCode!: number | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'refused: Refused http://127.0.0.1:8080: 127.0.0.1 is loopback (127.0.0.0/8)',
    description: 'Why the attempt failed; `refused: …` targets are never retried.',
  })
  error!: string | null;

  @ApiProperty({ nullable: true, type: Number, example: 85 })
  durationMs!: number | null;

  @ApiProperty({ nullable: true, type: Date, description: 'Set when the receiver answered 2xx.' })
  deliveredAt!: Date | null;

  @ApiProperty()
  createdAt!: Date;
}
