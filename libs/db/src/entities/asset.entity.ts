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
import { AssetKind, AssetOrigin, type AudioAnalysis, type ProbeFacts, type Transcript } from '@reelforge/contracts';
import { TenantEntity } from './tenant.entity.js';
import { bigintAsNumber } from './transformers.js';

@Entity('assets')
@Index('IDX_assets_tenant_id_created_at', ['tenantId', 'createdAt'])
@Index('IDX_assets_tenant_id_font_family', ['tenantId', 'fontFamily'])
export class AssetEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_assets' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'FK_assets_tenant_id' })
  tenant?: Relation<TenantEntity>;

  @Column({ type: 'varchar', length: 16 })
  kind!: AssetKind;

  @Column({ type: 'varchar', length: 16 })
  origin!: AssetOrigin;

  @Column({ name: 'original_name', type: 'varchar', length: 255 })
  originalName!: string;

  /** Relative to MEDIA_ROOT; never shown to users. */
  @Column({ name: 'storage_key', type: 'varchar', length: 512 })
  storageKey!: string;

  @Column({ type: 'varchar', length: 100 })
  mime!: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintAsNumber })
  sizeBytes!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'duration_sec', type: 'double precision', nullable: true })
  durationSec!: number | null;

  @Column({ type: 'integer', nullable: true })
  width!: number | null;

  @Column({ type: 'integer', nullable: true })
  height!: number | null;

  @Column({ type: 'double precision', nullable: true })
  fps!: number | null;

  @Column({ name: 'video_codec', type: 'varchar', length: 64, nullable: true })
  videoCodec!: string | null;

  @Column({ name: 'audio_codec', type: 'varchar', length: 64, nullable: true })
  audioCodec!: string | null;

  @Column({ name: 'has_video', type: 'boolean' })
  hasVideo!: boolean;

  @Column({ name: 'has_audio', type: 'boolean' })
  hasAudio!: boolean;

  @Column({ type: 'smallint', default: 0 })
  rotation!: number;

  @Column({ type: 'jsonb' })
  probe!: ProbeFacts;

  /** For font assets: the family name text layers use to pick it, unique per tenant. */
  @Column({ name: 'font_family', type: 'varchar', length: 200, nullable: true })
  fontFamily!: string | null;

  /** Beat analysis of the audio, computed once by an `analysis` job; null until then. */
  @Column({ type: 'jsonb', nullable: true })
  analysis!: AudioAnalysis | null;

  /** For a captions asset made by transcription: the words with their timings, and what made them. */
  @Column({ type: 'jsonb', nullable: true })
  transcript!: Transcript | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
