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
import { ProjectEntity } from './project.entity.js';

/**
 * A render of one project version: a `generate` job. A request for a version whose content hash
 * already has a live or successful render answers that render instead of making a new row.
 */
@Entity('project_renders')
@Index('IDX_project_renders_project_id_created_at', ['projectId', 'createdAt'])
@Index('IDX_project_renders_project_id_content_hash', ['projectId', 'contentHash'])
export class ProjectRenderEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_project_renders' })
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'FK_project_renders_project_id' })
  project?: Relation<ProjectEntity>;

  /** The version rendered. Later versions with the same content hash reuse this render. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  @Column({ name: 'job_id', type: 'uuid' })
  jobId!: string;

  @ManyToOne(() => JobEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id', foreignKeyConstraintName: 'FK_project_renders_job_id' })
  job?: Relation<JobEntity>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
