import { JobPriority } from '@reelforge/contracts';
import { compositionSchema } from '@reelforge/compose';
import { MAX_WEBHOOK_URL_LENGTH, webhookUrlProblem } from '@reelforge/net';
import { z } from 'zod';

const jobOptions = {
  priority: z
    .enum(JobPriority)
    .optional()
    .meta({ description: 'Within a job type, higher priorities run first; equal priorities run oldest first.' }),
  webhookUrl: z
    .string()
    .max(MAX_WEBHOOK_URL_LENGTH)
    .refine((url) => webhookUrlProblem(url) === null, { error: (issue) => webhookUrlProblem(String(issue.input)) })
    .optional()
    .meta({ description: "POSTed the signed job body when the job ends; default the tenant's webhook URL." }),
};

const templateRequestSchema = z.strictObject({
  template: z.string().min(1).max(64).meta({ description: 'A name from GET /v1/templates', example: 'golden-frame' }),
  fields: z
    .record(z.string(), z.unknown())
    .default({})
    .meta({ description: "The template's merge fields; their schema is in GET /v1/templates/{name}" }),
  output: z.record(z.string(), z.unknown()).optional().meta({
    description: "Overrides of the template's output (fps, format, quality, preview, ...), as in a composition",
  }),
  ...jobOptions,
});

const compositionRequestSchema = z.strictObject({
  composition: compositionSchema,
  ...jobOptions,
});

/**
 * The two request shapes, told apart by their key before validation so an error speaks about the
 * shape the caller meant rather than listing both branches of a union.
 */
export const generateRequestSchema = z.union([templateRequestSchema, compositionRequestSchema]);
export type TemplateGenerateBody = z.output<typeof templateRequestSchema>;

/** Only the envelope: the composition itself is validated by prepareGeneration, with its own prefix. */
export const generateEnvelopeSchemas = {
  template: templateRequestSchema,
  composition: z.strictObject({ composition: z.record(z.string(), z.unknown()), ...jobOptions }),
} as const;

/** The body's JSON Schema for OpenAPI (3.0 dialect, inputs as a caller writes them). */
export function generateRequestOpenApiSchema(): Record<string, unknown> {
  return z.toJSONSchema(generateRequestSchema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
    reused: 'inline',
  }) as Record<string, unknown>;
}
