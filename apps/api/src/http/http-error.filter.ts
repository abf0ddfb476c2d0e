import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import {
  ApiErrorCode,
  DomainError,
  ERROR_CODE_BY_STATUS,
  HTTP_STATUS_BY_ERROR_CODE,
  isApiErrorCode,
} from '@reelforge/contracts';
import { randomUUID } from 'node:crypto';
import { type Response } from 'express';
import { type ApiErrorBody } from './api-error.js';

/** Seconds; about one reconnect cycle of the Redis and Postgres clients. */
const SERVICE_UNAVAILABLE_RETRY_AFTER_SEC = 5;

/** Only the status is known: the published code for it, else the generic one of its class. */
function codeForStatus(statusCode: number): ApiErrorCode {
  return ERROR_CODE_BY_STATUS[statusCode] ?? (statusCode >= 500 ? ApiErrorCode.Internal : ApiErrorCode.InvalidInput);
}

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
      const statusCode = HTTP_STATUS_BY_ERROR_CODE[error.code] ?? HttpStatus.INTERNAL_SERVER_ERROR;
      // Schema-validated bodies (zod) name their fields as the validation pipe does: details is the list.
      const fields = error.details.fields;
      const details = Array.isArray(fields) ? fields : emptyToUndefined(error.details);
      return { statusCode, error: error.code, message: error.message, details };
    }
    if (error instanceof HttpException) {
      const statusCode = error.getStatus();
      // The Express adapter wraps body-parser's JSON SyntaxError in a BadRequestException.
      if (error.cause instanceof SyntaxError) {
        return {
          statusCode,
          error: ApiErrorCode.MalformedJson,
          message: `The request body is not valid JSON: ${error.message}`,
        };
      }
      const raw = error.getResponse();
      if (typeof raw === 'object' && raw !== null && 'error' in raw && 'statusCode' in raw && 'message' in raw) {
        const { message, details, error: code } = raw as Record<string, unknown>;
        // Nest's built-in exceptions put a reason phrase in `error`; ours put a published code.
        return {
          statusCode,
          error: typeof code === 'string' && isApiErrorCode(code) ? code : codeForStatus(statusCode),
          message: Array.isArray(message) ? message.join('; ') : String(message),
          details,
        };
      }
      return { statusCode, error: codeForStatus(statusCode), message: error.message };
    }
    if (isExposedHttpError(error) && error.status >= 400 && error.status < 500) {
      if (error.type === 'entity.parse.failed') {
        return { statusCode: 400, error: ApiErrorCode.MalformedJson, message: 'The request body is not valid JSON' };
      }
      return {
        statusCode: error.status,
        error: codeForStatus(error.status),
        message: error.message,
      };
    }
    const errorId = randomUUID();
    this.logger.error(`Unhandled error ${errorId}`, error instanceof Error ? error.stack : String(error));
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: ApiErrorCode.Internal,
      message: 'Internal server error',
      details: { errorId },
    };
  }
}

function emptyToUndefined(details: Record<string, unknown>): Record<string, unknown> | undefined {
  return Object.keys(details).length > 0 ? details : undefined;
}
