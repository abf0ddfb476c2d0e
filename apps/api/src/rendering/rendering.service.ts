import { Injectable } from '@nestjs/common';
import { AssetKind, InvalidInputError, InvalidMediaError, JobType, parseTimecode } from '@reelforge/contracts';
import { AssetsService } from '../assets/assets.service.js';
import { type JobAcceptedDto } from '../jobs/job.dto.js';
import { JobsService } from '../jobs/jobs.service.js';
import { type CreateTrimDto } from './trim.dto.js';

/** Keeps sub-millisecond float noise out of the stored request. */
const roundMs = (sec: number): number => Math.round(sec * 1000) / 1000;

@Injectable()
export class RenderingService {
  constructor(
    private readonly assets: AssetsService,
    private readonly jobs: JobsService,
  ) {}

  /** Validates the cut against the probed source before anything is queued, so bad input never costs a worker. */
  async trim(tenantId: string, dto: CreateTrimDto): Promise<JobAcceptedDto> {
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

    const asset = await this.assets.getOwnedOrFail(tenantId, dto.assetId);
    if (asset.kind !== AssetKind.Video && asset.kind !== AssetKind.Audio) {
      throw new InvalidMediaError(`Only video and audio assets can be trimmed; this asset is ${asset.kind}`, {
        field: 'assetId',
        kind: asset.kind,
      });
    }
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
      request: { assetId: asset.id, start: dto.start, end: dto.end, mode: dto.mode, startSec, endSec },
      inputs: [asset.id],
      payload: (jobId) => ({ jobId, tenantId, assetId: asset.id, startSec: roundMs(startSec), endSec, mode: dto.mode }),
    });
  }
}
