import { type components } from './generated/openapi.js';

/**
 * Codes the API publishes (the `ErrorCode` enum of openapi.json: every error body's `error`, every job's
 * `error.code`). The union stays open: a newer server may add codes, and a client must still surface them
 * rather than fail to parse.
 */
export type KnownApiErrorCode = components['schemas']['ErrorCode'];
export type ApiErrorCode = KnownApiErrorCode | (string & NonNullable<unknown>);

export type ApiErrorBody = components['schemas']['ApiErrorDto'] & { errorId?: string };

/** Any non-2xx answer of the API: `code` is the stable snake_case `error` of the body, to branch on. */
export class ReelforgeApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;
  /** Set on 500s: the id to find in the server's logs. */
  readonly errorId: string | undefined;
  /** Seconds to wait, from `Retry-After` (429, 503). */
  readonly retryAfterSec: number | undefined;

  constructor(status: number, body: Partial<ApiErrorBody> | null, headers?: Headers) {
    const code = typeof body?.error === 'string' ? body.error : `http_${status}`;
    super(typeof body?.message === 'string' ? body.message : `HTTP ${status}`);
    this.name = 'ReelforgeApiError';
    this.status = status;
    this.code = code;
    this.details = body?.details;
    this.errorId = typeof body?.errorId === 'string' ? body.errorId : undefined;
    const retryAfter = Number(headers?.get('retry-after') ?? Number.NaN);
    this.retryAfterSec = Number.isFinite(retryAfter) ? retryAfter : undefined;
  }

  /** Builds the error from a failed fetch Response, whatever its body (JSON error, HTML from a proxy, nothing). */
  static async fromResponse(response: Response): Promise<ReelforgeApiError> {
    const text = await response.text().catch(() => '');
    let body: Partial<ApiErrorBody> | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null) body = parsed as Partial<ApiErrorBody>;
    } catch {
      body = text ? { message: text.slice(0, 500) } : null;
    }
    return new ReelforgeApiError(response.status, body, response.headers);
  }
}

/** A job that ended `failed` or `canceled` while waitForJob watched it (`waitForJob(..., {throwOnFailure: true})`). */
export class ReelforgeJobError extends Error {
  readonly code: string;
  constructor(readonly job: components['schemas']['JobDto']) {
    super(job.error?.message ?? `job ${job.id} ${job.status}`);
    this.name = 'ReelforgeJobError';
    this.code = job.error?.code ?? job.status;
  }
}
