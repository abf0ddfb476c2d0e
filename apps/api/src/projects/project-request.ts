import { z } from 'zod';
import { generateEnvelopeSchemas } from '../generate/generate-request.js';

/** Tag keys are identifiers a client can filter by (`?tag=userId:u-42`), so no `:` and no spaces. */
export const TAG_KEY_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const MAX_TAGS = 20;
export const MAX_TAG_VALUE_LENGTH = 256;

const nameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .meta({ description: 'Shown in listings; need not be unique.', example: 'Spring launch reel' });

const tagsSchema = z
  .record(
    z.string().regex(TAG_KEY_PATTERN, 'Tag keys are 1-64 of A-Z a-z 0-9 _ . -'),
    z.string().max(MAX_TAG_VALUE_LENGTH),
  )
  .refine((tags) => Object.keys(tags).length <= MAX_TAGS, { error: `At most ${MAX_TAGS} tags` })
  .meta({
    description:
      "The caller's own labels, string to string (a user id of its system, a campaign). Filter with ?tag=key:value.",
    example: { userId: 'u-42' },
  });

/**
 * The composition is checked by the generate service (same schema, same asset checks as POST /v1/generate);
 * here it only has to be an object, so its errors carry the `composition.` prefix from one place.
 */
const compositionField = z
  .record(z.string(), z.unknown())
  .meta({ description: 'A composition exactly as `composition` in POST /v1/generate.' });

const versionField = z
  .int()
  .min(1)
  .meta({ description: 'The version this edit is based on; instead of If-Match. A stale version is a 412.' });

export const createProjectSchema = z.strictObject({
  name: nameSchema,
  tags: tagsSchema.default({}),
  composition: compositionField,
});

/** PUT: the whole document. Omitted tags are cleared, as a full replace implies. */
export const replaceProjectSchema = z.strictObject({
  name: nameSchema,
  tags: tagsSchema.default({}),
  composition: compositionField,
  version: versionField.optional(),
});

/** What a JSON Patch result must be: the editable document, nothing else. */
export const patchedProjectSchema = z.strictObject({
  name: nameSchema,
  tags: tagsSchema,
  composition: compositionField,
});

export const restoreProjectSchema = z.strictObject({ version: versionField.optional() });

export const renderProjectSchema = generateEnvelopeSchemas.composition.omit({ composition: true }).extend({
  version: z.int().min(1).optional().meta({ description: 'The version to render; default the newest.' }),
  force: z.boolean().default(false).meta({
    description:
      'Render even when a render of the same content exists (e.g. a `{url}` source changed behind the same URL).',
  }),
});

export type CreateProjectBody = z.output<typeof createProjectSchema>;
export type ReplaceProjectBody = z.output<typeof replaceProjectSchema>;
export type RenderProjectBody = z.output<typeof renderProjectSchema>;

const openApi = (schema: z.ZodType): Record<string, unknown> =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any', reused: 'inline' }) as Record<
    string,
    unknown
  >;

export const projectRequestOpenApi = {
  create: () => openApi(createProjectSchema),
  replace: () => openApi(replaceProjectSchema),
  restore: () => openApi(restoreProjectSchema),
  render: () => openApi(renderProjectSchema),
};
