/**
 * Every code a client can receive, in one list: the `error` of an error answer, and the `error.code` (or an
 * attempt error's `code`) of a job. Published in the OpenAPI spec as the `ErrorCode` enum, so clients can
 * switch over it exhaustively. A code is added here first; `error-codes.spec.ts` fails when the code base
 * emits one that is not listed.
 */
export enum ApiErrorCode {
  InvalidInput = 'invalid_input',
  MalformedJson = 'malformed_json',
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  MethodNotAllowed = 'method_not_allowed',
  Conflict = 'conflict',
  IdempotencyConflict = 'idempotency_conflict',
  PreconditionFailed = 'precondition_failed',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  RangeNotSatisfiable = 'range_not_satisfiable',
  InvalidMedia = 'invalid_media',
  ProbeTimeout = 'probe_timeout',
  RenderFailed = 'render_failed',
  RenderTimeout = 'render_timeout',
  PreconditionRequired = 'precondition_required',
  RateLimited = 'rate_limited',
  Internal = 'internal',
  NotConfigured = 'not_configured',
  Unavailable = 'unavailable',
  QueueUnavailable = 'queue_unavailable',
  // Only on jobs: what ended an attempt or the job, never an HTTP answer.
  QueueLost = 'queue_lost',
  WorkerLost = 'worker_lost',
  WorkerShutdown = 'worker_shutdown',
  StorageFull = 'storage_full',
  StorageUnavailable = 'storage_unavailable',
  DatabaseUnavailable = 'database_unavailable',
}

/**
 * The one mapping of codes to HTTP statuses. `null`: the code only appears on jobs. Job failures with an
 * HTTP-able code (an input refused by the worker) carry the same code the API would have answered with.
 */
export const HTTP_STATUS_BY_ERROR_CODE: Readonly<Record<ApiErrorCode, number | null>> = {
  [ApiErrorCode.InvalidInput]: 400,
  [ApiErrorCode.MalformedJson]: 400,
  [ApiErrorCode.Unauthorized]: 401,
  [ApiErrorCode.Forbidden]: 403,
  [ApiErrorCode.NotFound]: 404,
  [ApiErrorCode.MethodNotAllowed]: 405,
  [ApiErrorCode.Conflict]: 409,
  [ApiErrorCode.IdempotencyConflict]: 409,
  [ApiErrorCode.PreconditionFailed]: 412,
  [ApiErrorCode.PayloadTooLarge]: 413,
  [ApiErrorCode.UnsupportedMediaType]: 415,
  [ApiErrorCode.RangeNotSatisfiable]: 416,
  [ApiErrorCode.InvalidMedia]: 422,
  [ApiErrorCode.ProbeTimeout]: 422,
  [ApiErrorCode.RenderFailed]: 422,
  [ApiErrorCode.RenderTimeout]: 422,
  [ApiErrorCode.PreconditionRequired]: 428,
  [ApiErrorCode.RateLimited]: 429,
  [ApiErrorCode.Internal]: 500,
  [ApiErrorCode.NotConfigured]: 501,
  [ApiErrorCode.Unavailable]: 503,
  [ApiErrorCode.QueueUnavailable]: 503,
  [ApiErrorCode.QueueLost]: null,
  [ApiErrorCode.WorkerLost]: null,
  [ApiErrorCode.WorkerShutdown]: null,
  [ApiErrorCode.StorageFull]: null,
  [ApiErrorCode.StorageUnavailable]: null,
  [ApiErrorCode.DatabaseUnavailable]: null,
};

/** The code an answer gets when only its status is known (a framework or body-parser error). */
export const ERROR_CODE_BY_STATUS: Readonly<Partial<Record<number, ApiErrorCode>>> = {
  400: ApiErrorCode.InvalidInput,
  401: ApiErrorCode.Unauthorized,
  403: ApiErrorCode.Forbidden,
  404: ApiErrorCode.NotFound,
  405: ApiErrorCode.MethodNotAllowed,
  409: ApiErrorCode.Conflict,
  413: ApiErrorCode.PayloadTooLarge,
  415: ApiErrorCode.UnsupportedMediaType,
  416: ApiErrorCode.RangeNotSatisfiable,
  422: ApiErrorCode.InvalidMedia,
  429: ApiErrorCode.RateLimited,
  503: ApiErrorCode.Unavailable,
};

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ApiErrorCode));

export function isApiErrorCode(code: string): code is ApiErrorCode {
  return KNOWN_CODES.has(code);
}
