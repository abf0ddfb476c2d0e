import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { JobEntity } from './job.entity.js';
import { TenantEntity } from './tenant.entity.js';

/** One attempt to deliver one job event to one URL. */
@Entity('webhook_deliveries')
@Index('IDX_webhook_deliveries_job_id', ['jobId'])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_webhook_deliveries' })
  id!: string;

  @Column({ name: 'job_id', type: 'uuid' })
  jobId!: string;

  @ManyToOne(() => JobEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id', foreignKeyConstraintName: 'FK_webhook_deliveries_job_id' })
  job?: Relation<JobEntity>;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'FK_webhook_deliveries_tenant_id' })
  tenant?: Relation<TenantEntity>;

  @Column({ type: 'text' })
  url!: string;

  /** `job.succeeded`, `job.failed` or `job.canceled`. */
  @Column({ type: 'varchar', length: 32 })
  event!: string;

  /** 1-based. */
  @Column({ type: 'integer' })
  attempt!: number;

  /** The receiver's HTTP status; null when no answer came (refused target, timeout, connection error). */
  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs!: number | null;

  /** Set when the receiver answered 2xx. */
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
