import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, type JobItem, JobStatus, NotFoundError } from '@reelforge/contracts';
import { JobEntity, VariantEntity } from '@reelforge/db';
import { DEFAULT_MAX_ATTEMPTS, JobProducer } from '@reelforge/queue';
import { In, type Repository } from 'typeorm';
import { variantContentUrl } from '../variants/variant.dto.js';
import { type JobAcceptedDto, type JobDto, type JobPageDto, type ListJobsQueryDto } from './job.dto.js';

export interface NewJob<T extends JobItem['type']> {
  tenantId: string;
  type: T;
  request: Record<string, unknown>;
  inputs: string[];
  /** Builds the queue payload once the row (and so the job id) exists. */
  payload: (jobId: string) => Extract<JobItem, { type: T }>['data'];
}

@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);

  constructor(
    @InjectRepository(JobEntity) private readonly jobs: Repository<JobEntity>,
    @InjectRepository(VariantEntity) private readonly variants: Repository<VariantEntity>,
    private readonly producer: JobProducer,
  ) {}

  /**
   * The row is written first and its id is the Bull job id: the database is the source of truth,
   * and an enqueue repeated by a reconciler cannot duplicate the job.
   */
  async create<T extends JobItem['type']>(job: NewJob<T>): Promise<JobAcceptedDto> {
    const row = await this.jobs.save(
      this.jobs.create({
        tenantId: job.tenantId,
        type: job.type,
        status: JobStatus.Queued,
        progress: 0,
        priority: 0,
        attempts: 0,
        maxAttempts: DEFAULT_MAX_ATTEMPTS,
        request: job.request,
        inputs: job.inputs,
      }),
    );
    try {
      await this.producer.enqueue({ type: job.type, data: job.payload(row.id) } as JobItem, {
        priority: row.priority,
        maxAttempts: row.maxAttempts,
      });
    } catch (error) {
      this.logger.error(`Could not enqueue job ${row.id}: ${String(error)}`);
      await this.jobs.update(row.id, {
        status: JobStatus.Failed,
        errorCode: 'queue_unavailable',
        errorMessage: 'The job queue is unavailable; nothing was run',
        finishedAt: new Date(),
      });
      throw new ServiceUnavailableException({
        statusCode: 503,
        error: 'queue_unavailable',
        message: 'The job queue is unavailable; try again shortly',
      });
    }
    return {
      jobId: row.id,
      status: row.status,
      queuePosition: await this.queuePosition(row),
      links: links(row.id),
    };
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

  private async outputsOf(job: JobEntity): Promise<JobDto['outputs']> {
    if (job.outputVariantIds.length === 0) return [];
    const variants = await this.variants.find({
      where: { id: In(job.outputVariantIds), tenantId: job.tenantId },
      select: { id: true, storageKey: true, mime: true, kind: true, quality: true },
    });
    const byId = new Map(variants.map((variant) => [variant.id, variant]));
    return job.outputVariantIds.flatMap((variantId) => {
      const variant = byId.get(variantId);
      // A deleted asset takes its variants with it; the job keeps its history without them.
      return variant
        ? [{ variantId, url: variantContentUrl(variant), kind: variant.kind, quality: variant.quality }]
        : [];
    });
  }

  private async toDto(job: JobEntity): Promise<JobDto> {
    return {
      id: job.id,
      type: job.type,
      status: job.status,
      progress: job.progress,
      queuePosition: await this.queuePosition(job),
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      error: job.errorCode ? { code: job.errorCode, message: job.errorMessage ?? '' } : null,
      outputs: await this.outputsOf(job),
      request: job.request,
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      links: links(job.id),
    };
  }
}

function links(jobId: string): { self: string; result: string } {
  return { self: `/v1/jobs/${jobId}`, result: `/v1/jobs/${jobId}/result` };
}
