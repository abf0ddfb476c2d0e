import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { parseOrThrow } from '@reelforge/compose';
import { canonicalJson, DomainError, InvalidInputError, JobStatus, NotFoundError } from '@reelforge/contracts';
import {
  JobEntity,
  ProjectEntity,
  ProjectRenderEntity,
  ProjectVersionEntity,
  type ProjectVersionOrigin,
} from '@reelforge/db';
import { createHash } from 'node:crypto';
import { DataSource, In, type EntityManager, type Repository } from 'typeorm';
import { GenerateService } from '../generate/generate.service.js';
import { type PageQueryDto } from '../http/pagination.dto.js';
import { type JobAcceptedDto } from '../jobs/job.dto.js';
import { JobsService } from '../jobs/jobs.service.js';
import { applyPatch, JsonPatchError, type JsonValue, parsePatch } from './json-patch.js';
import {
  type ListProjectsQueryDto,
  type ProjectDto,
  type ProjectPageDto,
  type ProjectRenderAnswerDto,
  type ProjectRenderDto,
  type ProjectRenderLogDto,
  type ProjectRenderPageDto,
  type ProjectSummaryDto,
  type ProjectVersionDto,
  type ProjectVersionPageDto,
  type ProjectVersionSummaryDto,
} from './project.dto.js';
import {
  createProjectSchema,
  MAX_TAG_VALUE_LENGTH,
  patchedProjectSchema,
  renderProjectSchema,
  replaceProjectSchema,
  restoreProjectSchema,
  TAG_KEY_PATTERN,
} from './project-request.js';

/** What If-Match asked for: any current version (`*`), or one of these. */
export type Precondition = { kind: 'any' } | { kind: 'versions'; versions: number[] };

/** The strong ETag of a version. */
export function projectEtag(version: number): string {
  return `"${version}"`;
}

/**
 * `*`, or a list of ETags as this API issues them (`"3"`; a weak `W/"3"` matches too, as the version is
 * the whole identity). Null when the header is absent.
 */
export function parseIfMatch(header: string | undefined): Precondition | null {
  if (header === undefined) return null;
  const value = header.trim();
  if (value === '*') return { kind: 'any' };
  const versions = value.split(',').map((item) => {
    const match = /^(?:W\/)?"([1-9]\d{0,9})"$/.exec(item.trim());
    if (!match) {
      throw new InvalidInputError(`If-Match must be * or ETags of this project such as "3" (got ${item.trim()})`, {
        fields: [{ field: 'If-Match', problems: ['not an ETag issued by this API'] }],
      });
    }
    return Number(match[1]);
  });
  return { kind: 'versions', versions };
}

/** The editable document a JSON Patch works on. */
interface ProjectDocument {
  name: string;
  tags: Record<string, string>;
  composition: Record<string, unknown>;
}

interface NewVersion extends ProjectDocument {
  origin: ProjectVersionOrigin;
  restoredFrom?: number;
}

const LIVE_OR_DONE: JobStatus[] = [JobStatus.Queued, JobStatus.Processing, JobStatus.Succeeded];
/** Tail of ffmpeg's stderr kept per render; the runner keeps 16 KiB, the log shows the end of it. */
const LOG_TAIL_CHARS = 8 * 1024;

/**
 * Projects: a composition saved under a name, edited by full replace or JSON Patch with optimistic
 * concurrency, every version kept, rendered through the generate pipeline. Every composition is
 * validated by GenerateService.prepareComposition, so a project holds nothing POST /v1/generate refuses.
 */
@Injectable()
export class ProjectsService {
  constructor(
    @InjectRepository(ProjectEntity) private readonly projects: Repository<ProjectEntity>,
    @InjectRepository(ProjectVersionEntity) private readonly versions: Repository<ProjectVersionEntity>,
    @InjectRepository(ProjectRenderEntity) private readonly renders: Repository<ProjectRenderEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly generation: GenerateService,
    private readonly jobs: JobsService,
  ) {}

  async create(tenantId: string, body: unknown): Promise<ProjectDto> {
    const document = parseOrThrow(createProjectSchema, body);
    const contentHash = await this.validatedHash(tenantId, document.composition);
    const project = await this.dataSource.transaction(async (manager) => {
      const row = await manager.save(manager.create(ProjectEntity, { tenantId, ...document, version: 1, contentHash }));
      await manager.save(manager.create(ProjectVersionEntity, this.versionRow(row, { ...document, origin: 'create' })));
      return row;
    });
    return toProjectDto(project);
  }

  async list(tenantId: string, query: ListProjectsQueryDto): Promise<ProjectPageDto> {
    const tags = tagFilter(query.tag);
    const builder = this.projects
      .createQueryBuilder('p')
      .where('p.tenant_id = :tenantId', { tenantId })
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    if (Object.keys(tags).length > 0) builder.andWhere('p.tags @> :tags::jsonb', { tags: JSON.stringify(tags) });
    const [rows, total] = await builder.getManyAndCount();
    return { items: rows.map(toSummaryDto), page: query.page, pageSize: query.pageSize, total };
  }

  async get(tenantId: string, id: string): Promise<ProjectDto> {
    return toProjectDto(await this.getOwnedOrFail(tenantId, id));
  }

  async replace(tenantId: string, id: string, body: unknown, ifMatch: Precondition | null): Promise<ProjectDto> {
    const { version, ...document } = parseOrThrow(replaceProjectSchema, body);
    const current = await this.getOwnedOrFail(tenantId, id);
    const expected = expectedVersion(current, ifMatch, version);
    return this.save(tenantId, current, expected, { ...document, origin: 'replace' });
  }

  /**
   * RFC 6902 over `{name, tags, composition}`. The result is validated like a full replace; its errors
   * name the document field (`composition.layers.1.startSec`), patch errors name the operation (`patch.2.path`).
   */
  async patch(tenantId: string, id: string, body: unknown, ifMatch: Precondition | null): Promise<ProjectDto> {
    const current = await this.getOwnedOrFail(tenantId, id);
    const expected = expectedVersion(current, ifMatch, undefined);
    let patched: JsonValue;
    try {
      patched = applyPatch(documentOf(current) as unknown as JsonValue, parsePatch(body));
    } catch (error) {
      if (!(error instanceof JsonPatchError)) throw error;
      throw new InvalidInputError(error.message, {
        fields: [{ field: error.field, problems: [error.message] }],
        ...(error.index === null ? {} : { operation: error.index }),
      });
    }
    const document = parseOrThrow(patchedProjectSchema, patched);
    return this.save(tenantId, current, expected, { ...document, origin: 'patch' });
  }

  async listVersions(tenantId: string, id: string, query: PageQueryDto): Promise<ProjectVersionPageDto> {
    await this.getOwnedOrFail(tenantId, id);
    const [rows, total] = await this.versions.findAndCount({
      where: { projectId: id },
      order: { version: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items: rows.map(toVersionSummaryDto), page: query.page, pageSize: query.pageSize, total };
  }

  async getVersion(tenantId: string, id: string, version: number): Promise<ProjectVersionDto> {
    await this.getOwnedOrFail(tenantId, id);
    return toVersionDto(await this.versionOrFail(id, version));
  }

  /**
   * A new version whose composition is the old one's; name and tags stay as they are now. The old
   * composition is validated again: an asset it used may have been deleted since.
   */
  async restore(
    tenantId: string,
    id: string,
    version: number,
    body: unknown,
    ifMatch: Precondition | null,
  ): Promise<ProjectDto> {
    const { version: bodyVersion } = parseOrThrow(restoreProjectSchema, body ?? {});
    const current = await this.getOwnedOrFail(tenantId, id);
    const expected = expectedVersion(current, ifMatch, bodyVersion);
    const old = await this.versionOrFail(id, version);
    return this.save(tenantId, current, expected, {
      name: current.name,
      tags: current.tags,
      composition: old.composition,
      origin: 'restore',
      restoredFrom: old.version,
    });
  }

  /** Versions and render records go with the project; the render jobs and their videos stay with the jobs. */
  async delete(tenantId: string, id: string, ifMatch: Precondition | null): Promise<void> {
    const current = await this.getOwnedOrFail(tenantId, id);
    if (ifMatch) expectedVersion(current, ifMatch, undefined);
    const result = await this.projects.delete({
      id,
      tenantId,
      ...(ifMatch?.kind === 'versions' ? { version: current.version } : {}),
    });
    if ((result.affected ?? 0) === 0) throw staleVersion(id, null);
  }

  /**
   * Renders a version as a generate job, or answers an earlier render of the same content. Requests for
   * one project are serialised on its row, so two concurrent requests for the same content make one job.
   */
  async render(
    tenantId: string,
    id: string,
    body: unknown,
  ): Promise<{ render: ProjectRenderAnswerDto; created: boolean }> {
    const { version: requested, force, ...options } = parseOrThrow(renderProjectSchema, body ?? {});
    await this.getOwnedOrFail(tenantId, id);
    const { render, created } = await this.dataSource.transaction(async (manager) => {
      const project = await manager.findOne(ProjectEntity, {
        where: { id, tenantId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!project) throw new NotFoundError('project', id);
      const target = await this.versionOrFail(id, requested ?? project.version, manager);
      if (!force) {
        const earlier = await this.reusableRender(manager, id, target.contentHash);
        if (earlier) return { render: earlier, created: false };
      }
      const answer = await this.generation.generate(tenantId, { composition: target.composition, ...options }, false);
      const jobId = (answer as JobAcceptedDto).jobId;
      const row = await manager.save(
        manager.create(ProjectRenderEntity, {
          projectId: id,
          version: target.version,
          contentHash: target.contentHash,
          jobId,
        }),
      );
      return { render: row, created: true };
    });
    return { render: { ...(await this.toRenderDto(tenantId, render)), reused: !created }, created };
  }

  async listRenders(tenantId: string, id: string, query: PageQueryDto): Promise<ProjectRenderPageDto> {
    await this.getOwnedOrFail(tenantId, id);
    const [rows, total] = await this.renders.findAndCount({
      where: { projectId: id },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return {
      items: await Promise.all(rows.map((row) => this.toRenderDto(tenantId, row))),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async getRender(tenantId: string, id: string, renderId: string): Promise<ProjectRenderDto> {
    return this.toRenderDto(tenantId, await this.renderOrFail(tenantId, id, renderId));
  }

  async renderLog(tenantId: string, id: string, renderId: string): Promise<ProjectRenderLogDto> {
    const render = await this.renderOrFail(tenantId, id, renderId);
    const job = await this.jobs.getOwnedOrFail(tenantId, render.jobId);
    return {
      status: job.status,
      warnings: job.warnings,
      error: job.errorCode ? { code: job.errorCode, message: job.errorMessage ?? '' } : null,
      stderrTail: job.stderrTail === null ? null : job.stderrTail.slice(-LOG_TAIL_CHARS),
    };
  }

  async getOwnedOrFail(tenantId: string, id: string): Promise<ProjectEntity> {
    const project = await this.projects.findOneBy({ id, tenantId });
    if (!project) throw new NotFoundError('project', id);
    return project;
  }

  /** Validates, then writes the row and its version only if the project is still at `expected`. */
  private async save(
    tenantId: string,
    current: ProjectEntity,
    expected: number,
    next: NewVersion,
  ): Promise<ProjectDto> {
    const contentHash = await this.validatedHash(tenantId, next.composition);
    const saved = await this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(
        `UPDATE projects SET name = $1, tags = $2, composition = $3, content_hash = $4,
           version = version + 1, updated_at = now()
         WHERE id = $5 AND tenant_id = $6 AND version = $7
         RETURNING version, updated_at`,
        [
          next.name,
          JSON.stringify(next.tags),
          JSON.stringify(next.composition),
          contentHash,
          current.id,
          tenantId,
          expected,
        ],
      )) as [Array<{ version: number; updated_at: Date }>, number];
      const raw = rows[0];
      if (!raw) throw staleVersion(current.id, null);
      const row = manager.create(ProjectEntity, {
        ...current,
        name: next.name,
        tags: next.tags,
        composition: next.composition,
        contentHash,
        version: raw.version,
        updatedAt: raw.updated_at,
      });
      await manager.save(manager.create(ProjectVersionEntity, this.versionRow(row, next)));
      return row;
    });
    return toProjectDto(saved);
  }

  /** Checks the composition as POST /v1/generate does; the hash is of the canonical form with defaults filled in. */
  private async validatedHash(tenantId: string, composition: Record<string, unknown>): Promise<string> {
    const prepared = await this.generation.prepareComposition(tenantId, composition);
    return createHash('sha256').update(canonicalJson(prepared.composition)).digest('hex');
  }

  private versionRow(project: ProjectEntity, next: NewVersion): Partial<ProjectVersionEntity> {
    return {
      projectId: project.id,
      version: project.version,
      name: next.name,
      tags: next.tags,
      composition: next.composition,
      contentHash: project.contentHash,
      origin: next.origin,
      restoredFrom: next.restoredFrom ?? null,
    };
  }

  private async versionOrFail(
    projectId: string,
    version: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProjectVersionEntity> {
    const row = await manager.findOneBy(ProjectVersionEntity, { projectId, version });
    if (!row) throw new NotFoundError('project version', `${projectId}@${version}`);
    return row;
  }

  private async renderOrFail(tenantId: string, id: string, renderId: string): Promise<ProjectRenderEntity> {
    await this.getOwnedOrFail(tenantId, id);
    const render = await this.renders.findOneBy({ id: renderId, projectId: id });
    if (!render) throw new NotFoundError('render', renderId);
    return render;
  }

  /** The newest render of this content whose job is queued, running or succeeded. */
  private async reusableRender(
    manager: EntityManager,
    projectId: string,
    contentHash: string,
  ): Promise<ProjectRenderEntity | null> {
    const candidates = await manager.find(ProjectRenderEntity, {
      where: { projectId, contentHash },
      order: { createdAt: 'DESC' },
    });
    if (candidates.length === 0) return null;
    const live = await manager.find(JobEntity, {
      where: { id: In(candidates.map((render) => render.jobId)), status: In(LIVE_OR_DONE) },
      select: { id: true },
    });
    const liveIds = new Set(live.map((job) => job.id));
    return candidates.find((render) => liveIds.has(render.jobId)) ?? null;
  }

  private async toRenderDto(tenantId: string, render: ProjectRenderEntity): Promise<ProjectRenderDto> {
    const job = await this.jobs.get(tenantId, render.jobId);
    const self = `/v1/projects/${render.projectId}/renders/${render.id}`;
    return {
      id: render.id,
      version: render.version,
      contentHash: render.contentHash,
      jobId: render.jobId,
      status: job.status,
      progress: job.progress,
      outputs: job.outputs,
      error: job.error,
      warnings: job.warnings,
      createdAt: render.createdAt,
      finishedAt: job.finishedAt,
      links: { self, job: job.links.self, log: `${self}/log` },
    };
  }
}

/** The version an edit is based on: If-Match or the body's `version` (they must agree), else 428. */
function expectedVersion(
  current: ProjectEntity,
  ifMatch: Precondition | null,
  bodyVersion: number | undefined,
): number {
  if (ifMatch === null && bodyVersion === undefined) {
    throw new DomainError(
      'precondition_required',
      `Send If-Match: ${projectEtag(current.version)} (the ETag of the version you edited), or "version" in the body; If-Match: * overwrites whatever is there`,
      { currentVersion: current.version },
    );
  }
  const accepted =
    ifMatch === null
      ? [bodyVersion as number]
      : ifMatch.kind === 'any'
        ? [current.version]
        : ifMatch.versions.filter((version) => bodyVersion === undefined || version === bodyVersion);
  if (ifMatch?.kind === 'versions' && bodyVersion !== undefined && accepted.length === 0) {
    throw new InvalidInputError(`If-Match and version disagree (version ${bodyVersion})`, {
      fields: [{ field: 'version', problems: ['does not match If-Match'] }],
    });
  }
  if (!accepted.includes(current.version)) throw staleVersion(current.id, current.version);
  return current.version;
}

function staleVersion(id: string, currentVersion: number | null): DomainError {
  return new DomainError(
    'precondition_failed',
    currentVersion === null
      ? `Project ${id} changed while this edit was being made; fetch it and edit the newest version`
      : `Project ${id} is at version ${currentVersion}; fetch it and edit the newest version`,
    currentVersion === null ? {} : { currentVersion },
  );
}

/** `?tag=key:value` (repeatable) as a jsonb containment filter. */
function tagFilter(raw: string | string[] | undefined): Record<string, string> {
  const items = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const tags: Record<string, string> = {};
  for (const item of items) {
    const colon = item.indexOf(':');
    const key = colon < 0 ? '' : item.slice(0, colon);
    const value = item.slice(colon + 1);
    if (!TAG_KEY_PATTERN.test(key) || value.length > MAX_TAG_VALUE_LENGTH) {
      throw new InvalidInputError(`tag must be key:value with a key of 1-64 of A-Z a-z 0-9 _ . - (got ${item})`, {
        fields: [{ field: 'tag', problems: ['must be key:value'] }],
      });
    }
    tags[key] = value;
  }
  return tags;
}

function documentOf(project: ProjectEntity): ProjectDocument {
  return { name: project.name, tags: project.tags, composition: project.composition };
}

function links(id: string): ProjectSummaryDto['links'] {
  const self = `/v1/projects/${id}`;
  return { self, versions: `${self}/versions`, renders: `${self}/renders` };
}

function toSummaryDto(project: ProjectEntity): ProjectSummaryDto {
  return {
    id: project.id,
    name: project.name,
    tags: project.tags,
    version: project.version,
    contentHash: project.contentHash,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
    links: links(project.id),
  };
}

function toProjectDto(project: ProjectEntity): ProjectDto {
  return { ...toSummaryDto(project), composition: project.composition };
}

function toVersionSummaryDto(row: ProjectVersionEntity): ProjectVersionSummaryDto {
  return {
    version: row.version,
    origin: row.origin,
    restoredFrom: row.restoredFrom,
    name: row.name,
    contentHash: row.contentHash,
    createdAt: row.createdAt,
  };
}

function toVersionDto(row: ProjectVersionEntity): ProjectVersionDto {
  return { ...toVersionSummaryDto(row), tags: row.tags, composition: row.composition };
}
