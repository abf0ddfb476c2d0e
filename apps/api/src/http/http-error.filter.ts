import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, type ErrorCode } from '@reelforge/contracts';
import { randomUUID } from 'node:crypto';
import { type Response } from 'express';
import { type ApiErrorBody } from './api-error.js';

const STATUS_BY_CODE = {
  invalid_input: HttpStatus.BAD_REQUEST,
  invalid_media: HttpStatus.UNPROCESSABLE_ENTITY,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  payload_too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  probe_timeout: HttpStatus.UNPROCESSABLE_ENTITY,
  render_failed: HttpStatus.UNPROCESSABLE_ENTITY,
  render_timeout: HttpStatus.UNPROCESSABLE_ENTITY,
  precondition_failed: HttpStatus.PRECONDITION_FAILED,
  precondition_required: HttpStatus.PRECONDITION_REQUIRED,
  not_configured: HttpStatus.NOT_IMPLEMENTED,
} satisfies Record<ErrorCode, HttpStatus>; // a new code without a status does not compile

/** Seconds; about one reconnect cycle of the Redis and Postgres clients. */
const SERVICE_UNAVAILABLE_RETRY_AFTER_SEC = 5;

const CODE_BY_STATUS: Partial<Record<number, string>> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  416: 'range_not_satisfiable',
  422: 'invalid_media',
  429: 'rate_limited',
  503: 'unavailable',
};

/** body-parser's and send's errors are http-errors (`status`, `expose`) rather than HttpExceptions. */
interface ExposedHttpError {
  type?: string;
  status: number;
  expose: true;
  message: string;
}

function isExposedHttpError(error: unknown): error is ExposedHttpError {
  return (
    typeof error === 'object' &&
    error !== null &&
    'expose' in error &&
    error.expose === true &&
    'status' in error &&
    typeof error.status === 'number'
  );
}

/**
 * Every error leaves as `{statusCode, error, message, details?}`. Domain codes map to statuses here
 * and nowhere else; anything unexpected is a 500 with an id to find it in the logs, never a 4xx.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(error);
    if (response.headersSent) {
      // A stream failed mid-body: the status is gone, so end the connection rather than append JSON to media.
      response.destroy();
      return;
    }
    // Unavailability is temporary by definition (queue or database away); tell clients when to come back.
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE && !response.getHeader('Retry-After')) {
      response.setHeader('Retry-After', SERVICE_UNAVAILABLE_RETRY_AFTER_SEC);
    }
    response.status(body.statusCode).type('application/json').json(body);
  }

  private toBody(error: unknown): ApiErrorBody {
    if (error instanceof DomainError) {
      const statusCode = STATUS_BY_CODE[error.code];
      // Schema-validated bodies (zod) name their fields as the validation pipe does: details is the list.
      const fields = error.details.fields;
      const details = Array.isArray(fields) ? fields : emptyToUndefined(error.details);
      return { statusCode, error: error.code, message: error.message, details };
    }
    if (error instanceof HttpException) {
      const statusCode = error.getStatus();
      // The Express adapter wraps body-parser's JSON SyntaxError in a BadRequestException.
      if (error.cause instanceof SyntaxError) {
        return { statusCode, error: 'malformed_json', message: `The request body is not valid JSON: ${error.message}` };
      }
      const raw = error.getResponse();
      if (typeof raw === 'object' && raw !== null && 'error' in raw && 'statusCode' in raw && 'message' in raw) {
        const { message, details, error: code } = raw as Record<string, unknown>;
        // Nest's built-in exceptions put a reason phrase in `error`; ours put a snake_case code.
        const isCode = typeof code === 'string' && /^[a-z_]+$/.test(code);
        return {
          statusCode,
          error: isCode ? code : (CODE_BY_STATUS[statusCode] ?? 'error'),
          message: Array.isArray(message) ? message.join('; ') : String(message),
          details,
        };
      }
      return { statusCode, error: CODE_BY_STATUS[statusCode] ?? 'error', message: error.message };
    }
    if (isExposedHttpError(error) && error.status >= 400 && error.status < 500) {
      if (error.type === 'entity.parse.failed') {
        return { statusCode: 400, error: 'malformed_json', message: 'The request body is not valid JSON' };
      }
      return {
        statusCode: error.status,
        error: CODE_BY_STATUS[error.status] ?? 'invalid_input',
        message: error.message,
      };
    }
    const errorId = randomUUID();
    this.logger.error(`Unhandled error ${errorId}`, error instanceof Error ? error.stack : String(error));
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'internal',
      message: 'Internal server error',
      details: { errorId },
    };
  }
}

function emptyToUndefined(details: Record<string, unknown>): Record<string, unknown> | undefined {
  return Object.keys(details).length > 0 ? details : undefined;
}
