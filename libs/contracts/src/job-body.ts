import { type JobStatus, type JobType } from './enums.js';
import { type AttemptError, type JobPriority, priorityName } from './job-control.js';

/**
 * The job as GET /v1/jobs/:id answers it. Built here, from plain values, so the API and the webhook
 * sender (which runs in the worker) cannot drift apart.
 */
export interface JobBody {
  id: string;
  type: JobType;
  status: JobStatus;
  progress: number;
  priority: JobPriority;
  queuePosition: number | null;
  etaSec: number | null;
  attempts: number;
  maxAttempts: number;
  error: { code: string; message: string } | null;
  attemptErrors: AttemptError[];
  /** Things the caller should know about a job that did not fail because of them. */
  warnings: string[];
  outputs: Array<{ variantId: string; url: string; kind: string; quality: string | null }>;
  request: Record<string, unknown>;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  links: { self: string; result: string };
}

/** The columns of a `jobs` row the body shows. */
export interface JobBodyRow {
  id: string;
  type: JobType;
  status: JobStatus;
  progress: number;
  priority: number;
  attempts: number;
  maxAttempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  attemptErrors: AttemptError[];
  warnings: string[];
  request: Record<string, unknown>;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** A stored variant as the body lists it. */
export interface JobBodyVariant {
  id: string;
  storageKey: string;
  mime: string;
  kind: string;
  quality: string | null;
}

/** Playlists are served from the package directory so their relative URIs resolve; everything else whole. */
export function variantContentUrl(variant: Pick<JobBodyVariant, 'id' | 'storageKey' | 'mime'>): string {
  if (variant.mime === 'application/vnd.apple.mpegurl') {
    return `/v1/variants/${variant.id}/files/${variant.storageKey.slice(variant.storageKey.lastIndexOf('/') + 1)}`;
  }
  return `/v1/variants/${variant.id}/content`;
}

export function jobLinks(jobId: string): JobBody['links'] {
  return { self: `/v1/jobs/${jobId}`, result: `/v1/jobs/${jobId}/result` };
}

/**
 * `outputVariantIds` in order; variants missing from `variants` (deleted with their asset) are
 * left out, so the job keeps its history without them.
 */
export function buildJobBody(
  row: JobBodyRow,
  outputVariantIds: readonly string[],
  variants: readonly JobBodyVariant[],
  live: { queuePosition: number | null; etaSec: number | null },
): JobBody {
  const byId = new Map(variants.map((variant) => [variant.id, variant]));
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    progress: row.progress,
    priority: priorityName(row.priority),
    queuePosition: live.queuePosition,
    etaSec: live.etaSec,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? '' } : null,
    attemptErrors: row.attemptErrors,
    warnings: row.warnings,
    outputs: outputVariantIds.flatMap((variantId) => {
      const variant = byId.get(variantId);
      return variant
        ? [{ variantId, url: variantContentUrl(variant), kind: variant.kind, quality: variant.quality }]
        : [];
    }),
    request: row.request,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    links: jobLinks(row.id),
  };
}
