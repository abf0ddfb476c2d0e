import { type ApiErrorCode } from './error-codes.js';

/**
 * Codes for failures the caller can act on. Each transport maps them once, exhaustively:
 * the API to HTTP statuses, the worker to "fail now, do not retry".
 */
export type ErrorCode =
  | 'invalid_input'
  | 'invalid_media'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'payload_too_large'
  | 'probe_timeout'
  | 'render_failed'
  | 'render_timeout'
  /** A write's If-Match (or version) names a version that is no longer the newest. */
  | 'precondition_failed'
  /** A write to a versioned resource came without If-Match or a version. */
  | 'precondition_required'
  /** The feature needs settings the operator has not made (the message names them). */
  | 'not_configured';

// Every domain code is one of the published codes, with its status in the one table.
type AssertDomainCodesPublished<T extends `${ApiErrorCode}`> = T;
export type PublishedDomainErrorCode = AssertDomainCodesPublished<ErrorCode>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('not_found', `${entity} ${id} not found`, { entity, id });
  }
}

export class InvalidMediaError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('invalid_media', message, details);
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('invalid_input', message, details);
  }
}
