import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ProjectEntity } from './project.entity.js';

/** How a version came to be. */
export type ProjectVersionOrigin = 'create' | 'replace' | 'patch' | 'restore';

/** Every saved state of a project, never changed once written. */
@Entity('project_versions')
export class ProjectVersionEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid', primaryKeyConstraintName: 'PK_project_versions' })
  projectId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_project_versions' })
  version!: number;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'FK_project_versions_project_id' })
  project?: Relation<ProjectEntity>;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  tags!: Record<string, string>;

  @Column({ type: 'jsonb' })
  composition!: Record<string, unknown>;

  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  @Column({ type: 'varchar', length: 16 })
  origin!: ProjectVersionOrigin;

  /** For `restore`: the version whose composition was copied. */
  @Column({ name: 'restored_from', type: 'integer', nullable: true })
  restoredFrom!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
