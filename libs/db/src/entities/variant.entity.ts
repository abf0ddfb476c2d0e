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
import { VariantKind } from '@reelforge/contracts';
import { AssetEntity } from './asset.entity.js';
import { JobEntity } from './job.entity.js';
import { TenantEntity } from './tenant.entity.js';
import { bigintAsNumber } from './transformers.js';

@Entity('variants')
@Index('IDX_variants_source_asset_id', ['sourceAssetId'])
@Index('IDX_variants_job_id', ['jobId'])
@Index('IDX_variants_tenant_id_created_at', ['tenantId', 'createdAt'])
export class VariantEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_variants' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'FK_variants_tenant_id' })
  tenant?: Relation<TenantEntity>;

  @Column({ name: 'job_id', type: 'uuid' })
  jobId!: string;

  @ManyToOne(() => JobEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id', foreignKeyConstraintName: 'FK_variants_job_id' })
  job?: Relation<JobEntity>;

  /** Null for multi-input generation. Deleting the asset deletes its variants. */
  @Column({ name: 'source_asset_id', type: 'uuid', nullable: true })
  sourceAssetId!: string | null;

  @ManyToOne(() => AssetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_asset_id', foreignKeyConstraintName: 'FK_variants_source_asset_id' })
  sourceAsset?: Relation<AssetEntity>;

  @Column({ name: 'source_variant_id', type: 'uuid', nullable: true })
  sourceVariantId!: string | null;

  @ManyToOne(() => VariantEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'source_variant_id', foreignKeyConstraintName: 'FK_variants_source_variant_id' })
  sourceVariant?: Relation<VariantEntity>;

  @Column({ type: 'varchar', length: 16 })
  kind!: VariantKind;

  /** A ladder rung such as `720p`; null when the operation has no quality. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  quality!: string | null;

  @Column({ name: 'storage_key', type: 'varchar', length: 512 })
  storageKey!: string;

  @Column({ type: 'varchar', length: 100 })
  mime!: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintAsNumber })
  sizeBytes!: number;

  @Column({ name: 'duration_sec', type: 'double precision', nullable: true })
  durationSec!: number | null;

  @Column({ type: 'integer', nullable: true })
  width!: number | null;

  @Column({ type: 'integer', nullable: true })
  height!: number | null;

  /** The settings the worker applied (after clamping), for reproducibility. */
  @Column({ type: 'jsonb' })
  config!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
