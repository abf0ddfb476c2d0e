import { Injectable } from '@nestjs/common';
import { AssetKind, InvalidInputError, InvalidMediaError, JobType, parseTimecode } from '@reelforge/contracts';
import { type MediaInput } from '@reelforge/db';
import { displaySize, evenlySpacedTimes, planLadder } from '@reelforge/render';
import { type JobAcceptedDto } from '../jobs/job.dto.js';
import { JobsService } from '../jobs/jobs.service.js';
import { inputRecord, OperationSources } from './operation-sources.js';
import { type SourceDto } from './source.dto.js';
import { type CreateThumbnailsDto, type CreateTranscodeDto } from './transcode.dto.js';
import { type CreateTrimDto } from './trim.dto.js';

/**
 * The input as the caller wrote it, kept in the stored request: idempotency compares requests, so `assetId`
 * and `source: {assetId}` stay distinct spellings there, while payloads carry the resolved `source`.
 */
export function requestSource(dto: { source?: SourceDto; assetId?: string }): Record<string, unknown> {
  return dto.source ? { source: { ...dto.source } } : { assetId: dto.assetId };
}

/** Keeps sub-millisecond float noise out of the stored request. */
const roundMs = (sec: number): number => Math.round(sec * 1000) / 1000;

@Injectable()
export class RenderingService {
  constructor(
    private readonly sources: OperationSources,
    private readonly jobs: JobsService,
  ) {}

  /** Validates the cut against the probed source before anything is queued, so bad input never costs a worker. */
  async trim(tenantId: string, dto: CreateTrimDto, idempotencyKey?: string): Promise<JobAcceptedDto> {
    const startSec = parseTimecode(dto.start);
    const requestedEndSec = parseTimecode(dto.end);
    if (startSec === null || requestedEndSec === null) throw new InvalidInputError('start and end must be timecodes');
    if (requestedEndSec <= startSec) {
      throw new InvalidInputError('end must be greater than start', {
        field: 'end',
        startSec,
        endSec: requestedEndSec,
      });
    }

    const asset = await this.sources.of(tenantId, dto);
    if (asset.kind !== AssetKind.Video && asset.kind !== AssetKind.Audio) {
      throw new InvalidMediaError(`Only video and audio can be trimmed; ${asset.label} is ${asset.kind}`, {
        field: asset.field,
        kind: asset.kind,
      });
    }
    const { source, inputs } = inputRecord(asset);
    const durationSec = asset.durationSec ?? 0;
    if (startSec >= durationSec) {
      throw new InvalidInputError(`start (${startSec}s) is at or past the end of the asset (${durationSec}s)`, {
        field: 'start',
        durationSec,
      });
    }
    const endSec = roundMs(Math.min(requestedEndSec, durationSec));

    return this.jobs.create({
      tenantId,
      type: JobType.Trim,
      request: { ...requestSource(dto), start: dto.start, end: dto.end, mode: dto.mode, startSec, endSec },
      inputs,
      payload: (jobId) => ({ jobId, tenantId, source, startSec: roundMs(startSec), endSec, mode: dto.mode }),
      dto,
      idempotencyKey,
    });
  }

  /** Checks the ladder against the probed source now, so a request that can make nothing is a 422 up front. */
  async transcode(
    tenantId: string,
    dto: CreateTranscodeDto,
    idempotencyKey?: string,
  ): Promise<JobAcceptedDto & { skipped: Array<{ quality: string; reason: string }> }> {
    const asset = await this.videoInput(tenantId, dto);
    const { source, inputs } = inputRecord(asset);
    const plan = planLadder(displaySize(asset), dto.qualities);
    if (plan.renditions.length === 0) {
      throw new InvalidMediaError('Every requested quality is above the source; nothing would be made', {
        field: 'qualities',
        skipped: plan.skipped,
      });
    }
    const qualities = plan.renditions.map((r) => r.quality);
    const accepted = await this.jobs.create({
      tenantId,
      type: JobType.Transcode,
      request: { ...requestSource(dto), qualities: dto.qualities, format: dto.format },
      inputs,
      payload: (jobId) => ({ jobId, tenantId, source, qualities, format: dto.format }),
      dto,
      idempotencyKey,
    });
    return { ...accepted, skipped: plan.skipped };
  }

  async thumbnails(tenantId: string, dto: CreateThumbnailsDto, idempotencyKey?: string): Promise<JobAcceptedDto> {
    if ((dto.times === undefined) === (dto.count === undefined)) {
      throw new InvalidInputError('Give exactly one of times or count', { field: 'times' });
    }
    const asset = await this.videoInput(tenantId, dto);
    const { source, inputs } = inputRecord(asset);
    const durationSec = asset.durationSec ?? 0;
    const timesSec = dto.times ?? evenlySpacedTimes(durationSec, dto.count ?? 1);
    const outside = timesSec.filter((t) => t >= durationSec);
    if (outside.length > 0) {
      throw new InvalidInputError(`times must be before the end of the video (${durationSec}s)`, {
        field: 'times',
        outside,
      });
    }
    const widthPx = dto.widthPx ?? Math.min(displaySize(asset).widthPx, 1280);
    return this.jobs.create({
      tenantId,
      type: JobType.Thumbnail,
      request: { ...requestSource(dto), times: dto.times, count: dto.count, widthPx: dto.widthPx },
      inputs,
      payload: (jobId) => ({ jobId, tenantId, source, timesSec, widthPx, purpose: 'thumbnails' }),
      dto,
      idempotencyKey,
    });
  }

  private async videoInput(
    tenantId: string,
    dto: { source?: SourceDto; assetId?: string },
  ): Promise<MediaInput & { field: string }> {
    const input = await this.sources.of(tenantId, dto);
    if (!input.hasVideo || input.kind === AssetKind.Image) {
      throw new InvalidMediaError(`This operation needs a video; ${input.label} is ${input.kind}`, {
        field: input.field,
        kind: input.kind,
      });
    }
    return input;
  }
}
