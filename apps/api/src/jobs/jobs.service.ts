import { ConflictException, Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import {
  buildJobBody,
  DomainError,
  type JobItem,
  JobPriority,
  JobStatus,
  jobLinks,
  NotFoundError,
  PRIORITY_VALUES,
  requestHash,
  TERMINAL_JOB_STATUSES,
} from '@reelforge/contracts';
import { JobEntity, VariantEntity, WebhookDeliveryEntity } from '@reelforge/db';
import { DEFAULT_MAX_ATTEMPTS, JobProducer, WebhookProducer } from '@reelforge/queue';
import { instanceToPlain } from 'class-transformer';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type Repository } from 'typeorm';
import {
  type JobAcceptedDto,
  type JobDto,
  type JobPageDto,
  type ListJobsQueryDto,
  type WebhookDeliveryDto,
} from './job.dto.js';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency-key.decorator.js';

/** How long an Idempotency-Key answers with its first job; after it, the key starts a new job. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000;
/** Succeeded jobs of a type whose run times make the ETA. */
const ETA_SAMPLE_SIZE = 20;
/** The mean run time is reused this long, so a page of jobs or an event stream costs one query per type. */
const ETA_CACHE_MS = 5_000;

/** What every operation may pass besides its own fields (JobOptionsDto, structurally). */
export interface JobOptions {
  priority?: JobPriority;
  webhookUrl?: string;
}

export interface NewJob<T extends JobItem['type']> {
  tenantId: string;
  type: T;
  request: Record<string, unknown>;
  inputs: string[];
  /** Builds the queue payload once the row (and so the job id) exists. */
  payload: (jobId: string) => Extract<JobItem, { type: T }>['data'];
  /** The validated operation DTO: its priority and webhookUrl, and what an Idempotency-Key is compared by. */
  dto?: JobOptions;
  idempotencyKey?: string;
  /** Known at submission (a deprecated request shape); the worker appends its own. */
  warnings?: string[];
}

/** The parts of a job that change while it runs; what the event stream watches. */
export interface JobSnapshot {
  status: JobStatus;
  progress: number;
  queuePosition: number | null;
  etaSec: number | null;
  error: JobDto['error'];
}

/** pg's unique_violation; https://www.postgresql.org/docs/current/errcodes-appendix.html */
const UNIQUE_VIOLATION = '23505';
const IDEMPOTENCY_INDEX = 'UQ_jobs_tenant_id_idempotency_key';

function isIdempotencyViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === UNIQUE_VIOLATION && driverError.constraint === IDEMPOTENCY_INDEX;
}

@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);
  private readonly meanRunSec = new Map<string, { value: number | null; atMs: number }>();

  constructor(
    @InjectRepository(JobEntity) private readonly jobs: Repository<JobEntity>,
    @InjectRepository(VariantEntity) private readonly variants: Repository<VariantEntity>,
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    private readonly webhooks: WebhookProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The row is written first and its id is the Bull job id: the database is the source of truth,
   * and an enqueue repeated by a reconciler cannot duplicate the job.
   *
   * With an Idempotency-Key, the same key and body within IDEMPOTENCY_WINDOW_MS answer the first job;
   * another body is a 409. Concurrent duplicates race on the unique index, and the losers answer the
   * winner's job.
   */
  async create<T extends JobItem['type']>(job: NewJob<T>): Promise<JobAcceptedDto> {
    const key = job.idempotencyKey ?? null;
    const hash = key ? requestHash(job.type, instanceToPlain(job.dto ?? {})) : null;
    if (key && hash) {
      const replay = await this.replay(job.tenantId, key, hash);
      if (replay) return replay;
    }

    // The id is chosen here so the payload, which names it, is stored with the row in one write.
    const id = randomUUID();
    const payload = job.payload(id);
    let row: JobEntity;
    try {
      row = await this.jobs.save(
        this.jobs.create({
          id,
          tenantId: job.tenantId,
          type: job.type,
          status: JobStatus.Queued,
          progress: 0,
          priority: PRIORITY_VALUES[job.dto?.priority ?? JobPriority.Normal],
          attempts: 0,
          maxAttempts: DEFAULT_MAX_ATTEMPTS,
          request: job.request,
          inputs: job.inputs,
          idempotencyKey: key,
          requestHash: hash,
          webhookUrl: job.dto?.webhookUrl ?? null,
          warnings: job.warnings ?? [],
          // Kept with the row, so a retry or the reconciler can enqueue it again once Bull's copy is gone.
          queuePayload: payload as unknown as Record<string, unknown>,
        }),
      );
    } catch (error) {
      if (key && hash && isIdempotencyViolation(error)) {
        const replay = await this.replay(job.tenantId, key, hash);
        if (replay) return replay;
      }
      throw error;
    }
    await this.enqueueOrFail(row, { type: job.type, data: payload } as JobItem);
    return this.accepted(row);
  }

  async get(tenantId: string, id: string): Promise<JobDto> {
    return this.toDto(await this.getOwnedOrFail(tenantId, id));
  }

  async list(tenantId: string, query: ListJobsQueryDto): Promise<JobPageDto> {
    const [rows, total] = await this.jobs.findAndCount({
      where: {
        tenantId,
        ...(query.status ? { status: query.status } : {}),
        ...(query.type ? { type: query.type } : {}),
      },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return {
      items: await Promise.all(rows.map((row) => this.toDto(row))),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async getOwnedOrFail(tenantId: string, id: string): Promise<JobEntity> {
    const job = await this.jobs.findOneBy({ id, tenantId });
    if (!job) throw new NotFoundError('job', id);
    return job;
  }

  /**
   * Queued: the Bull job is removed, so no worker takes it. Processing: the row is marked canceled
   * (the worker's success write is conditional on `processing`, so a late output is discarded) and
   * the cancel is published for the worker running it to kill ffmpeg. Terminal: 409.
   */
  async cancel(tenantId: string, id: string): Promise<JobDto> {
    // The CTE locks the row and keeps its old status, so we know what we canceled; a worker starting
    // it at the same moment waits for the lock and then finds it canceled.
    const [rows] = (await this.dataSource.query(
      `WITH prev AS (SELECT id, status FROM jobs WHERE id = $1 AND tenant_id = $2 FOR UPDATE)
       UPDATE jobs SET status = $3, finished_at = now(), updated_at = now()
       FROM prev WHERE jobs.id = prev.id AND prev.status IN ($4, $5)
       RETURNING prev.status AS previous, jobs.type AS type`,
      [id, tenantId, JobStatus.Canceled, JobStatus.Queued, JobStatus.Processing],
    )) as [Array<{ previous: JobStatus; type: JobEntity['type'] }>, number];
    const canceled = rows[0];
    if (!canceled) {
      const job = await this.getOwnedOrFail(tenantId, id);
      throw new DomainError('conflict', `Job ${id} is already ${job.status}`, { status: job.status });
    }

    const removed = await this.producer.remove(canceled.type, id).catch((error: unknown) => {
      this.logger.warn(`Bull job ${id} not removed after cancel: ${String(error)}`);
      return false;
    });
    if (canceled.previous === JobStatus.Processing || !removed) {
      await this.producer
        .publishCancel(canceled.type, id)
        .catch((error: unknown) => this.logger.warn(`Cancel of ${id} not published: ${String(error)}`));
    }
    await this.producer
      .publishJobChanged(canceled.type, id)
      .catch((error: unknown) => this.logger.debug(`Change of ${id} not announced: ${String(error)}`));
    await this.notifyFinished(id);
    return this.get(tenantId, id);
  }

  /**
   * A failed or canceled job runs again under the same id: the row goes back to queued (attempts
   * keep counting, attempt errors keep their history) and a fresh Bull job replaces the old one.
   */
  async retry(tenantId: string, id: string): Promise<JobDto> {
    const job = await this.getOwnedOrFail(tenantId, id);
    if (job.status !== JobStatus.Failed && job.status !== JobStatus.Canceled) {
      throw new DomainError('conflict', `Only failed or canceled jobs can be retried; job ${id} is ${job.status}`, {
        status: job.status,
      });
    }
    if (!job.queuePayload) {
      throw new DomainError('conflict', `Job ${id} predates retries and cannot be run again; create it anew`, {
        status: job.status,
      });
    }
    // Bull refuses a duplicate id, so the old Bull job must go first. A canceled attempt may still be
    // stopping (its worker holds the lock) for a moment.
    if (!(await this.producer.remove(job.type, id))) {
      throw new DomainError('conflict', `Job ${id} is still stopping; retry in a few seconds`, { status: job.status });
    }
    const result = await this.jobs
      .createQueryBuilder()
      .update(JobEntity)
      .set({
        status: JobStatus.Queued,
        progress: 0,
        errorCode: null,
        errorMessage: null,
        startedAt: null,
        finishedAt: null,
        outputVariantIds: [],
        maxAttempts: () => `attempts + ${DEFAULT_MAX_ATTEMPTS}`,
      })
      .where('id = :id AND tenant_id = :tenantId AND status IN (:...statuses)', {
        id,
        tenantId,
        statuses: [JobStatus.Failed, JobStatus.Canceled],
      })
      .execute();
    if ((result.affected ?? 0) === 0) {
      const now = await this.getOwnedOrFail(tenantId, id);
      throw new DomainError('conflict', `Job ${id} is ${now.status}; it was retried already`, { status: now.status });
    }
    const row = await this.getOwnedOrFail(tenantId, id);
    await this.enqueueOrFail(row, { type: row.type, data: row.queuePayload } as unknown as JobItem);
    return this.toDto(row);
  }

  /** Every attempt to deliver this job's webhooks, oldest first. */
  async webhookDeliveries(tenantId: string, id: string): Promise<WebhookDeliveryDto[]> {
    await this.getOwnedOrFail(tenantId, id);
    const rows = await this.deliveries.find({ where: { jobId: id, tenantId }, order: { createdAt: 'ASC' } });
    return rows.map((row) => ({
      id: row.id,
      event: row.event,
      url: row.url,
      attempt: row.attempt,
      statusCode: row.statusCode,
      error: row.error,
      durationMs: row.durationMs,
      deliveredAt: row.deliveredAt,
      createdAt: row.createdAt,
    }));
  }

  /** For the event stream: one cheap read of what changes while a job runs. */
  async snapshot(tenantId: string, id: string): Promise<JobSnapshot> {
    const job = await this.getOwnedOrFail(tenantId, id);
    const live = await this.live(job);
    return {
      status: job.status,
      progress: job.progress,
      ...live,
      error: job.errorCode ? { code: job.errorCode, message: job.errorMessage ?? '' } : null,
    };
  }

  /** The main output of a finished job, or why there is none. */
  async resultVariant(tenantId: string, id: string): Promise<VariantEntity> {
    const job = await this.getOwnedOrFail(tenantId, id);
    switch (job.status) {
      case JobStatus.Queued:
      case JobStatus.Processing:
        throw new DomainError('conflict', `Job ${id} is ${job.status}; its result is not ready`, {
          status: job.status,
          progress: job.progress,
        });
      case JobStatus.Canceled:
        throw new DomainError('conflict', `Job ${id} was canceled and has no result`, { status: job.status });
      case JobStatus.Failed:
        throw new DomainError('render_failed', job.errorMessage ?? `Job ${id} failed`, {
          status: job.status,
          code: job.errorCode,
        });
      case JobStatus.Succeeded: {
        const variantId = job.outputVariantIds[0];
        const variant = variantId ? await this.variants.findOneBy({ id: variantId, tenantId }) : null;
        if (!variant) throw new NotFoundError('result of job', id);
        return variant;
      }
    }
  }

  /** Queue position comes from the database, so it is right whichever API process answers. */
  async queuePosition(job: Pick<JobEntity, 'status' | 'type' | 'priority' | 'createdAt'>): Promise<number | null> {
    if (job.status !== JobStatus.Queued) return null;
    return this.jobs
      .createQueryBuilder('job')
      .where('job.type = :type AND job.status = :status', { type: job.type, status: JobStatus.Queued })
      .andWhere('(job.priority > :priority OR (job.priority = :priority AND job.created_at < :createdAt))', {
        priority: job.priority,
        createdAt: job.createdAt,
      })
      .getCount();
  }

  /**
   * A rough estimate, documented on JobDto.etaSec: mean run time of the last ETA_SAMPLE_SIZE succeeded
   * jobs of the type (all tenants, so a new tenant gets one too) x waves of WORKER_CONCURRENCY ahead,
   * or x the share not done yet once running. It knows nothing of other worker machines or tenant caps.
   */
  etaSec(
    job: Pick<JobEntity, 'status' | 'progress'>,
    queuePosition: number | null,
    meanRunSec: number | null,
  ): number | null {
    if (meanRunSec === null) return null;
    if (job.status === JobStatus.Processing) return Math.max(0, Math.round(meanRunSec * (1 - job.progress / 100)));
    if (job.status !== JobStatus.Queued || queuePosition === null) return null;
    const wavesAhead = Math.floor(queuePosition / this.config.worker.concurrency);
    return Math.round(meanRunSec * (wavesAhead + 1));
  }

  private async meanRunSecOf(type: string): Promise<number | null> {
    const cached = this.meanRunSec.get(type);
    if (cached && Date.now() - cached.atMs < ETA_CACHE_MS) return cached.value;
    const [row] = (await this.dataSource.query(
      `SELECT avg(extract(epoch FROM finished_at - started_at))::float8 AS mean_sec
         FROM (SELECT started_at, finished_at FROM jobs
                WHERE type = $1 AND status = $2 AND started_at IS NOT NULL AND finished_at IS NOT NULL
                ORDER BY created_at DESC LIMIT $3) recent`,
      [type, JobStatus.Succeeded, ETA_SAMPLE_SIZE],
    )) as Array<{ mean_sec: number | null }>;
    const value = row?.mean_sec ?? null;
    this.meanRunSec.set(type, { value, atMs: Date.now() });
    return value;
  }

  private async live(job: JobEntity): Promise<{ queuePosition: number | null; etaSec: number | null }> {
    if (TERMINAL_JOB_STATUSES.includes(job.status)) return { queuePosition: null, etaSec: null };
    const queuePosition = await this.queuePosition(job);
    return { queuePosition, etaSec: this.etaSec(job, queuePosition, await this.meanRunSecOf(job.type)) };
  }

  private async accepted(row: JobEntity): Promise<JobAcceptedDto> {
    const live = await this.live(row);
    return { jobId: row.id, status: row.status, ...live, links: jobLinks(row.id) };
  }

  /** The first job under this key, or null when there is none in the window; 409 for another body. */
  private async replay(tenantId: string, key: string, hash: string): Promise<JobAcceptedDto | null> {
    // An expired key is released (not deleted: the job stays), so the unique index admits it again.
    await this.jobs
      .createQueryBuilder()
      .update(JobEntity)
      .set({ idempotencyKey: null })
      .where('tenant_id = :tenantId AND idempotency_key = :key AND created_at < :cutoff', {
        tenantId,
        key,
        cutoff: new Date(Date.now() - IDEMPOTENCY_WINDOW_MS),
      })
      .execute();
    const first = await this.jobs.findOneBy({ tenantId, idempotencyKey: key });
    if (!first) return null;
    if (first.requestHash !== hash) {
      throw new ConflictException({
        statusCode: 409,
        error: 'idempotency_conflict',
        message: `This ${IDEMPOTENCY_KEY_HEADER} was used for a different request (job ${first.id}); use a new key`,
        details: { jobId: first.id, header: IDEMPOTENCY_KEY_HEADER },
      });
    }
    return this.accepted(first);
  }

  private async enqueueOrFail(row: JobEntity, item: JobItem): Promise<void> {
    try {
      await this.producer.enqueue(item, {
        priority: row.priority,
        maxAttempts: DEFAULT_MAX_ATTEMPTS,
      });
    } catch (error) {
      this.logger.error(`Could not enqueue job ${row.id}: ${String(error)}`);
      await this.jobs.update(row.id, {
        status: JobStatus.Failed,
        errorCode: 'queue_unavailable',
        errorMessage: 'The job queue is unavailable; nothing was run',
        finishedAt: new Date(),
        // Released, so the caller's retry with the same key creates the job instead of replaying this failure.
        idempotencyKey: null,
      });
      throw new ServiceUnavailableException({
        statusCode: 503,
        error: 'queue_unavailable',
        message: 'The job queue is unavailable; try again shortly',
      });
    }
  }

  /** The job's state is committed already; a webhook that cannot be queued is logged, not thrown. */
  private async notifyFinished(jobId: string): Promise<void> {
    await this.webhooks
      .jobFinished(jobId)
      .catch((error: unknown) => this.logger.error(`Webhook for job ${jobId} not queued: ${String(error)}`));
  }

  private async toDto(job: JobEntity): Promise<JobDto> {
    const variants =
      job.outputVariantIds.length === 0
        ? []
        : await this.variants.find({
            where: { id: In(job.outputVariantIds), tenantId: job.tenantId },
            select: { id: true, storageKey: true, mime: true, kind: true, quality: true },
          });
    return buildJobBody(job, job.outputVariantIds, variants, await this.live(job));
  }
}
