import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { JobStatus, JobType } from '@reelforge/contracts';
import { TenantEntity } from './tenant.entity.js';

@Entity('jobs')
@Index('IDX_jobs_tenant_id_created_at', ['tenantId', 'createdAt'])
@Index('IDX_jobs_type_status_created_at', ['type', 'status', 'createdAt'])
@Index('UQ_jobs_tenant_id_idempotency_key', ['tenantId', 'idempotencyKey'], {
  unique: true,
  where: '"idempotency_key" IS NOT NULL',
})
export class JobEntity {
  /** Also the Bull job id, so enqueueing the same row twice cannot run it twice. */
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_jobs' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'FK_jobs_tenant_id' })
  tenant?: Relation<TenantEntity>;

  @Column({ type: 'varchar', length: 32 })
  type!: JobType;

  @Column({ type: 'varchar', length: 16, default: JobStatus.Queued })
  status!: JobStatus;

  /** 0-100. */
  @Column({ type: 'smallint', default: 0 })
  progress!: number;

  /** Higher runs first; 0 is normal. */
  @Column({ type: 'integer', default: 0 })
  priority!: number;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts!: number;

  /**
   * Fencing number: bumped when an attempt starts; a worker's writes are conditional on the number it
   * started with, so a stale worker (lost its lock, woke from a pause) cannot overwrite the winner.
   */
  @Column({ type: 'integer', default: 0 })
  fence!: number;

  /** One entry per failed attempt, oldest first. */
  @Column({ name: 'attempt_errors', type: 'jsonb', default: () => "'[]'" })
  attemptErrors!: Array<{ attempt: number; code: string; message: string; at: string }>;

  /** Notes for the caller from a job that still succeeded (a template fell back to equal cuts, a clip ran short). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  warnings!: string[];

  /** The last lines ffmpeg wrote to stderr in the final attempt (at most 8 KiB), kept as the render log. */
  @Column({ name: 'stderr_tail', type: 'text', nullable: true })
  stderrTail!: string | null;

  /** SHA-256 of the canonical request, to tell a repeated Idempotency-Key with another body (409). */
  @Column({ name: 'request_hash', type: 'char', length: 64, nullable: true })
  requestHash!: string | null;

  /** The validated request as the API received it. */
  @Column({ type: 'jsonb' })
  request!: Record<string, unknown>;

  /**
   * The queue payload as first enqueued, so the job can be enqueued again once its Bull job is gone
   * (a retry, or the reconciler after Redis lost it). Null on rows from before it was kept.
   */
  @Column({ name: 'queue_payload', type: 'jsonb', nullable: true })
  queuePayload!: Record<string, unknown> | null;

  /** Asset ids this job reads. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  inputs!: string[];

  @Column({ name: 'output_variant_ids', type: 'uuid', array: true, default: () => "'{}'" })
  outputVariantIds!: string[];

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true })
  idempotencyKey!: string | null;

  @Column({ name: 'webhook_url', type: 'text', nullable: true })
  webhookUrl!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
