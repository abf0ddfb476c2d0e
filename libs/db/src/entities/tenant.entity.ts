import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('tenants')
export class TenantEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_tenants' })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Jobs of this tenant a worker fleet runs at once; the rest wait, so one batch cannot starve others. */
  @Column({ name: 'max_running_jobs', type: 'integer', default: 4 })
  maxRunningJobs!: number;

  /** Where terminal job states are POSTed when an operation names no webhookUrl. */
  @Column({ name: 'webhook_url', type: 'text', nullable: true })
  webhookUrl!: string | null;

  /** HMAC-SHA256 key for X-Reelforge-Signature; generated on first use, shown to admins. */
  @Column({ name: 'webhook_secret', type: 'varchar', length: 128, nullable: true })
  webhookSecret!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
