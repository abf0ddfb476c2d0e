import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Request } from 'express';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Visible ASCII, as the IETF draft (draft-ietf-httpapi-idempotency-key-header) allows any string; 255 fits the column. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * The request's Idempotency-Key, or undefined when absent. A malformed one is a 400 rather than
 * ignored: silently dropping it would run the job twice on the caller's retry.
 */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const raw = context.switchToHttp().getRequest<Request>().headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !KEY_PATTERN.test(raw)) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'invalid_input',
      message: `${IDEMPOTENCY_KEY_HEADER} must be 1-255 visible ASCII characters`,
      details: [{ field: IDEMPOTENCY_KEY_HEADER, problems: ['must be 1-255 visible ASCII characters'] }],
    });
  }
  return raw;
});
