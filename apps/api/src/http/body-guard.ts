import { BadRequestException } from '@nestjs/common';
import { findForbiddenCharacter } from '@reelforge/contracts';
import { type NextFunction, type Request, type Response } from 'express';

/**
 * The deepest JSON a request may nest. The deepest real body (a composition's text layer's shadow) is
 * six levels; class-validator, class-transformer and zod all recurse once per level, so tens of
 * thousands of `[` overflowed the stack inside validation. Refused on the raw bytes, before parsing.
 */
export const MAX_JSON_DEPTH = 32;

/** body-parser's `verify` hook: http-errors with `status` and `expose` reach the error filter as 4xx. */
class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly expose = true;
  readonly type = 'entity.verify.failed';
}

/**
 * Counts bracket depth over the raw JSON text, skipping string contents. Linear and iterative, so a
 * hostile body costs one pass and no stack whatever its shape; malformed JSON is left to the parser.
 */
export function jsonDepthOf(raw: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === 0x5c) i++; // backslash: the next byte is escaped, whatever it is
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (byte === 0x5d || byte === 0x7d) {
      depth--;
    }
  }
  return deepest;
}

export function verifyJsonDepth(_req: unknown, _res: unknown, raw: Buffer): void {
  const depth = jsonDepthOf(raw);
  if (depth > MAX_JSON_DEPTH) {
    throw new JsonTooDeepError(`The request body nests ${depth} levels deep; the limit is ${MAX_JSON_DEPTH}`);
  }
}

/**
 * Refuses, with a 400 naming the field, any string in a JSON body (keys included) that holds a control
 * character other than tab, line feed and carriage return, a Unicode non-character or a lone surrogate.
 * Such text cannot be stored (Postgres jsonb refuses `\u0000` and lone surrogates) nor drawn, so it is
 * refused once here for every endpoint, previews and dry runs included, instead of field by field.
 */
export function refuseForbiddenCharacters(req: Request, _res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (body === null || typeof body !== 'object') return next();
  // Iterative walk: depth is bounded by verifyJsonDepth, but a stack-free walk costs nothing more.
  const pending: Array<{ value: unknown; path: string }> = [{ value: body, path: '' }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      const found = findForbiddenCharacter(value);
      if (found) return next(forbidden(path || '(body)', found.description, found.index));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        const inKey = findForbiddenCharacter(key);
        if (inKey) return next(forbidden(childPath, `${inKey.description} in the field name`, inKey.index));
        pending.push({ value: child, path: childPath });
      }
    }
  }
  next();
}

function forbidden(field: string, description: string, index: number): BadRequestException {
  const problem = `${field} contains ${description} at character ${index}; control characters other than tab and newline, non-characters and lone surrogates are refused`;
  return new BadRequestException({
    statusCode: 400,
    error: 'invalid_input',
    message: problem,
    details: [{ field, problems: [problem] }],
  });
}
