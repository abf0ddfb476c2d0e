import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JobStatus } from '@reelforge/contracts';
import { IsOptional, IsString } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../http/pagination.dto.js';
import { JobErrorDto, JobOutputDto } from '../jobs/job.dto.js';

export class ProjectLinksDto {
  @ApiProperty({ example: '/v1/projects/7f1c…' })
  self!: string;

  @ApiProperty({ example: '/v1/projects/7f1c…/versions' })
  versions!: string;

  @ApiProperty({ example: '/v1/projects/7f1c…/renders' })
  renders!: string;
}

export class ProjectSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Spring launch reel' })
  name!: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { userId: 'u-42' } })
  tags!: Record<string, string>;

  @ApiProperty({ example: 3, description: 'The newest version; also the ETag ("3"). Send it back in If-Match.' })
  version!: number;

  @ApiProperty({
    example: '9b1d…',
    description: "SHA-256 of the composition's canonical form (defaults filled in): equal content, equal hash.",
  })
  contentHash!: string;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ description: 'When the newest version was saved.' })
  updatedAt!: Date;

  @ApiProperty({ type: ProjectLinksDto })
  links!: ProjectLinksDto;
}

export class ProjectDto extends ProjectSummaryDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The composition as saved (as in POST /v1/generate).',
  })
  composition!: Record<string, unknown>;
}

export class ListProjectsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    type: String,
    isArray: true,
    example: 'userId:u-42',
    description: 'Only projects with this tag (`key:value`); repeat for all of several.',
  })
  @IsOptional()
  @IsString({ each: true })
  tag?: string | string[];
}

export class ProjectPageDto extends PageMetaDto {
  @ApiProperty({ type: [ProjectSummaryDto], description: 'Newest first; without compositions.' })
  items!: ProjectSummaryDto[];
}

export class ProjectVersionSummaryDto {
  @ApiProperty({ example: 2 })
  version!: number;

  @ApiProperty({ enum: ['create', 'replace', 'patch', 'restore'], description: 'How this version was made.' })
  origin!: string;

  @ApiProperty({ nullable: true, type: Number, description: 'For a restore: the version copied.' })
  restoredFrom!: number | null;

  @ApiProperty({ description: "The project's name when this version was saved." })
  name!: string;

  @ApiProperty({ description: "SHA-256 of this version's canonical composition; equal content, equal hash." })
  contentHash!: string;

  @ApiProperty()
  createdAt!: Date;
}

export class ProjectVersionDto extends ProjectVersionSummaryDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Tags as saved in this version.',
  })
  tags!: Record<string, string>;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The composition as saved in this version.' })
  composition!: Record<string, unknown>;
}

export class ProjectVersionPageDto extends PageMetaDto {
  @ApiProperty({ type: [ProjectVersionSummaryDto], description: 'Newest first.' })
  items!: ProjectVersionSummaryDto[];
}

export class ProjectRenderLinksDto {
  @ApiProperty({ example: '/v1/projects/7f1c…/renders/0a9e…' })
  self!: string;

  @ApiProperty({ example: '/v1/jobs/5d2e…', description: 'The generate job doing the render.' })
  job!: string;

  @ApiProperty({ example: '/v1/projects/7f1c…/renders/0a9e…/log' })
  log!: string;
}

export class ProjectRenderDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'The version rendered.' })
  version!: number;

  @ApiProperty({ description: 'The content rendered; a later request for the same hash reuses this render.' })
  contentHash!: string;

  @ApiProperty({ format: 'uuid' })
  jobId!: string;

  @ApiProperty({ enum: JobStatus, enumName: 'JobStatus', description: "The render job's status." })
  status!: JobStatus;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Percent done, from ffmpeg progress.' })
  progress!: number;

  @ApiProperty({ type: [JobOutputDto], description: 'Once succeeded: the video, then its poster.' })
  outputs!: JobOutputDto[];

  @ApiProperty({ type: JobErrorDto, nullable: true, description: 'Why the render failed.' })
  error!: JobErrorDto | null;

  @ApiProperty({ type: [String], description: 'What the render did differently than asked.' })
  warnings!: string[];

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ nullable: true, type: Date })
  finishedAt!: Date | null;

  @ApiProperty({ type: ProjectRenderLinksDto })
  links!: ProjectRenderLinksDto;
}

export class ProjectRenderAnswerDto extends ProjectRenderDto {
  @ApiProperty({
    description:
      'True: an earlier render of the same content (queued, running or done) is answered and nothing new is rendered.',
  })
  reused!: boolean;
}

export class ProjectRenderPageDto extends PageMetaDto {
  @ApiProperty({ type: [ProjectRenderDto], description: 'Newest first.' })
  items!: ProjectRenderDto[];
}

export class ProjectRenderLogDto {
  @ApiProperty({ enum: JobStatus, enumName: 'JobStatus', description: "The render job's status." })
  status!: JobStatus;

  @ApiProperty({ type: [String], description: 'Notes from a render that still succeeded (text cut to its box, ...).' })
  warnings!: string[];

  @ApiProperty({ type: JobErrorDto, nullable: true, description: 'Why the render failed.' })
  error!: JobErrorDto | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: "The end of ffmpeg's stderr (at most 8 KiB) of the final attempt; null before it ran.",
  })
  stderrTail!: string | null;
}
