import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type AudioAnalysis, InvalidMediaError, JobStatus, JobType } from '@reelforge/contracts';
import { JobEntity } from '@reelforge/db';
import { randomUUID } from 'node:crypto';
import { In, type Repository } from 'typeorm';
import { type JobAcceptedDto } from '../jobs/job.dto.js';
import { JobsService } from '../jobs/jobs.service.js';
import { type ImportAcceptedDto, type ImportAssetDto } from './asset-jobs.dto.js';
import { AssetsService } from './assets.service.js';

/**
 * The Idempotency-Key that makes concurrent GETs of an asset's analysis share one job. It holds a space,
 * which the Idempotency-Key header may not (visible ASCII only), so no caller's key can collide with it.
 */
export function analysisJobKey(assetId: string): string {
  return `analysis of ${assetId}`;
}

export type AnalysisAnswer = { kind: 'cached'; analysis: AudioAnalysis } | { kind: 'queued'; job: JobAcceptedDto };

/** Asset operations that run on a worker: URL import and beat analysis. */
@Injectable()
export class AssetJobsService {
  constructor(
    private readonly assets: AssetsService,
    private readonly jobs: JobsService,
    @InjectRepository(JobEntity) private readonly jobRows: Repository<JobEntity>,
  ) {}

  /**
   * The asset id is chosen now and answered in the 202, so the caller can refer to the asset before it
   * exists; the worker creates the row under it only when the fetch and probe succeed.
   */
  async importFromUrl(tenantId: string, dto: ImportAssetDto, idempotencyKey?: string): Promise<ImportAcceptedDto> {
    const assetId = randomUUID();
    const expectedKind = dto.kind ?? null;
    const accepted = await this.jobs.create({
      tenantId,
      type: JobType.Import,
      request: { url: dto.url, kind: expectedKind, assetId },
      inputs: [],
      payload: (jobId) => ({ jobId, tenantId, assetId, url: dto.url, expectedKind }),
      dto,
      idempotencyKey,
    });
    // A replayed Idempotency-Key answers the first job, so its asset id is the one to report.
    const row = await this.jobs.getOwnedOrFail(tenantId, accepted.jobId);
    return { ...accepted, assetId: String(row.request.assetId) };
  }

  /**
   * The cached analysis, or the job computing it. While one runs, every GET answers that same job: the
   * job is created under analysisJobKey, so concurrent requests race on the idempotency index and the
   * losers replay the winner. A finished job releases the key first, so a failed analysis can be asked again.
   */
  async analysis(tenantId: string, assetId: string): Promise<AnalysisAnswer> {
    const asset = await this.assets.getOwnedOrFail(tenantId, assetId);
    if (!asset.hasAudio) {
      throw new InvalidMediaError(`Asset ${asset.id} (${asset.kind}) has no audio stream; beat analysis needs audio`, {
        assetId: asset.id,
        kind: asset.kind,
      });
    }
    if (asset.analysis) return { kind: 'cached', analysis: asset.analysis };

    const key = analysisJobKey(asset.id);
    await this.jobRows.update(
      { tenantId, idempotencyKey: key, status: In([JobStatus.Succeeded, JobStatus.Failed, JobStatus.Canceled]) },
      { idempotencyKey: null },
    );
    const job = await this.jobs.create({
      tenantId,
      type: JobType.Analysis,
      request: { assetId: asset.id },
      inputs: [asset.id],
      payload: (jobId) => ({ jobId, tenantId, assetId: asset.id }),
      idempotencyKey: key,
    });
    return { kind: 'queued', job };
  }
}
