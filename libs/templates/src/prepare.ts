import {
  type CaptionCue,
  type Composition,
  type MediaFacts,
  type MediaSource,
  outputSchema,
  parseComposition,
  parseOrThrow,
} from '@reelforge/compose';
import { AssetKind, type GenerateRequest, type ProbeFacts } from '@reelforge/contracts';
import { type LibraryCategory } from '@reelforge/storage';
import { getTemplate, type TemplateContext, validateTemplateFields } from './registry.js';

/** What a layer needs its media to be. Audio layers take video files too: their sound is used. */
export type ExpectedMedia = 'image' | 'video' | 'audio';

/** Library categories that can hold each kind of media a layer asks for (`any`: a merge field's existence check). */
export const LIBRARY_CATEGORIES_FOR: Readonly<Record<ExpectedMedia | 'any', readonly LibraryCategory[]>> = {
  image: ['overlays', 'frames'],
  video: ['overlays', 'styles'],
  audio: ['audio', 'styles'],
  any: ['overlays', 'frames', 'audio', 'styles'],
};

/**
 * Turns media references into facts. The API's resolver reads asset rows and probes library items
 * (URLs stay unknown: null); the worker's also fetches URLs and gives real file paths.
 */
export interface GenerationResolver {
  /** Throws an error naming `field` when the media is missing or not of the expected kind. */
  media(source: MediaSource, expected: ExpectedMedia | null, field: string): Promise<MediaFacts | null>;
  captions(source: { assetId: string } | { inline: string }, field: string): Promise<CaptionCue[]>;
}

export interface PreparedGeneration {
  composition: Composition;
  /** By layer index, for image, video and audio layers. */
  media: Map<number, MediaFacts | null>;
  /** By layer index, for subtitles layers. */
  captions: Map<number, CaptionCue[]>;
  warnings: string[];
  /** Assets the render reads, for the job's `inputs`. */
  assetIds: string[];
  /**
   * The request with every choice pinned (a template's resolved fields, e.g. style-clip's seed): what the API
   * queues, so the worker's expansion makes the same choices the API validated.
   */
  request: GenerateRequest;
}

/**
 * Facts of a probed file as the composition planner wants them. `assetKind` is the asset row's kind,
 * or `classifyMedia(probe).kind` for files that have no row (library items, fetched URLs).
 */
export function factsFromProbe(probe: ProbeFacts, path: string, assetKind: AssetKind): MediaFacts {
  const kind = assetKind === AssetKind.Image ? 'image' : assetKind === AssetKind.Audio ? 'audio' : 'video';
  return {
    path,
    kind,
    durationSec: kind === 'image' ? null : probe.durationSec,
    widthPx: probe.width,
    heightPx: probe.height,
    fps: probe.fps,
    hasAudio: probe.hasAudio,
    hasVideo: probe.hasVideo,
    colorSpace: probe.colorSpace ?? null,
    pixelFormat: probe.pixelFormat ?? null,
    colorRange: probe.colorRange,
    rotation: probe.rotation,
  };
}

/** Why media cannot serve a layer that wants `expected`, or null when it can. */
export function kindProblem(facts: MediaFacts, expected: ExpectedMedia | null): string | null {
  if (expected === 'image' && facts.kind !== 'image') return `is ${facts.kind}, not an image`;
  if (expected === 'video' && facts.kind !== 'video') return `is ${facts.kind}, not a video`;
  if (expected === 'audio' && !facts.hasAudio) return 'has no audio';
  return null;
}

/** `{assetId}` / `{library}` / `{url}` objects anywhere in template fields, with their field paths. */
function mediaRefsIn(value: unknown, path: string, found: Array<{ source: MediaSource; field: string }>): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => mediaRefsIn(item, `${path}.${i}`, found));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const keys = Object.keys(value);
  if (keys.length === 1 && ['assetId', 'library', 'url'].includes(keys[0])) {
    found.push({ source: value as MediaSource, field: path });
    return;
  }
  for (const key of keys) mediaRefsIn((value as Record<string, unknown>)[key], `${path}.${key}`, found);
}

const sourceKey = (source: MediaSource): string => JSON.stringify(source);

const EXPECTED_BY_LAYER: Readonly<Record<string, ExpectedMedia>> = { image: 'image', video: 'video', audio: 'audio' };

/**
 * Request -> validated composition with its media facts. The API runs it to refuse bad requests
 * before queueing (and to answer dry runs); the worker runs it again with fetched URLs and the
 * music's beats. Errors name the field the caller wrote: `fields.images.1` for a template's merge
 * field, `composition.layers.3.source` for a composition.
 */
export async function prepareGeneration(
  request: GenerateRequest,
  resolver: GenerationResolver,
  context: TemplateContext,
): Promise<PreparedGeneration> {
  const warnings: string[] = [];
  /** Where each source was written in the request, so kind errors name the caller's field. */
  const fieldBySource = new Map<string, string>();
  let composition: Composition;
  let pinned: GenerateRequest = request;
  if ('template' in request) {
    const template = getTemplate(request.template);
    const fields = validateTemplateFields(request.template, request.fields);
    const refs: Array<{ source: MediaSource; field: string }> = [];
    mediaRefsIn(fields, 'fields', refs);
    for (const ref of refs) {
      if (!fieldBySource.has(sourceKey(ref.source))) fieldBySource.set(sourceKey(ref.source), ref.field);
      // Existence first, with the merge field's name; the kind is checked per layer below.
      await resolver.media(ref.source, null, ref.field);
    }
    const expansion = await template.expand(fields, context);
    warnings.push(...expansion.warnings);
    pinned = { ...request, fields: expansion.resolvedFields };
    const output = parseOrThrow(outputSchema, { ...expansion.composition.output, ...request.output }, 'output');
    composition = parseComposition({ ...expansion.composition, output }, 'composition');
  } else {
    composition = parseComposition(request.composition, 'composition');
  }

  const media = new Map<number, MediaFacts | null>();
  const captions = new Map<number, CaptionCue[]>();
  const assetIds = new Set<string>();
  for (const [i, layer] of composition.layers.entries()) {
    if (layer.type === 'subtitles') {
      const field = `composition.layers.${i}.source`;
      if ('assetId' in layer.source) assetIds.add(layer.source.assetId);
      captions.set(i, await resolver.captions(layer.source, field));
      continue;
    }
    if (!('source' in layer)) continue;
    const field = fieldBySource.get(sourceKey(layer.source)) ?? `composition.layers.${i}.source`;
    if ('assetId' in layer.source) assetIds.add(layer.source.assetId);
    media.set(i, await resolver.media(layer.source, EXPECTED_BY_LAYER[layer.type] ?? null, field));
  }
  return { composition, media, captions, warnings, assetIds: [...assetIds], request: pinned };
}
