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
import { TenantEntity } from './tenant.entity.js';

/**
 * A saved timeline: the head of a chain of versions. The row mirrors its newest version (name, tags,
 * composition) so reads need no join; `version` is the optimistic-concurrency token (the ETag).
 */
@Entity('projects')
@Index('IDX_projects_tenant_id_created_at', ['tenantId', 'createdAt'])
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_projects' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'FK_projects_tenant_id' })
  tenant?: Relation<TenantEntity>;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The caller's own labels (a user id of its system, a campaign), string to string. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  tags!: Record<string, string>;

  /** The newest version's number; 1 after create, +1 on every saved edit. */
  @Column({ type: 'integer' })
  version!: number;

  /** The newest version's composition, as saved (validated, defaults filled in). */
  @Column({ type: 'jsonb' })
  composition!: Record<string, unknown>;

  /** SHA-256 of the newest composition's canonical JSON. */
  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
