import { InvalidInputError } from '@reelforge/contracts';
import { type z } from 'zod';
import { type Composition, compositionSchema } from './spec.js';

/** One field's problems, in the shape the API's validation pipe uses for DTO errors. */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/** `layers.2.source`: the JSON path of an issue, prefixed with where the value sits in the request. */
function fieldOf(prefix: string, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter((part) => part !== '').join('.');
}

/** Every issue grouped by field, in the order zod found them. */
export function fieldProblems(error: z.ZodError, prefix = ''): FieldProblem[] {
  const byField = new Map<string, string[]>();
  for (const issue of error.issues) {
    const field = fieldOf(prefix, issue.path) || prefix || '(body)';
    byField.set(field, [...(byField.get(field) ?? []), issue.message]);
  }
  return [...byField].map(([field, problems]) => ({ field, problems }));
}

/**
 * Parses with `schema` or throws a 400-mapped error naming every bad field, e.g.
 * `composition.layers.1.opacity: Too big: expected number to be <=1`.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = fieldProblems(result.error, prefix);
  throw new InvalidInputError(details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; '), {
    fields: details,
  });
}

export function parseComposition(value: unknown, prefix = 'composition'): Composition {
  return parseOrThrow(compositionSchema, value, prefix);
}
