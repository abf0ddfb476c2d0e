import { type CaptionCue, type MediaFacts, type MediaSource } from '@reelforge/compose';
import {
  AssetKind,
  DomainError,
  InvalidInputError,
  InvalidMediaError,
  type MediaInputRef,
  type ProbeFacts,
} from '@reelforge/contracts';
import { classifyMedia } from '@reelforge/media';
import { type LibraryCatalog } from '@reelforge/storage';
import { parseCaptions } from '@reelforge/text';
import { readFile } from 'node:fs/promises';
import {
  type ExpectedMedia,
  factsFromProbe,
  type GenerationResolver,
  kindProblem,
  LIBRARY_CATEGORIES_FOR,
} from './prepare.js';

/** A tenant's stored asset or variant as the resolver needs it. */
export interface StoredAsset {
  /** `asset <id>` or `variant <id>`. */
  label: string;
  kind: AssetKind;
  probe: ProbeFacts;
  /** Where the file is on this machine. */
  path: string;
}

export interface MediaResolverDeps {
  /**
   * The tenant's asset or variant (resolveMediaInput of @reelforge/db); throws `not_found` naming `field` when it
   * is missing or another tenant's (the two look the same).
   */
  findInput(ref: MediaInputRef, field: string): Promise<StoredAsset>;
  library: LibraryCatalog;
  /** Probes a library file; the caller caches it, the library is read-only while the process runs. */
  probeLibrary(path: string): Promise<ProbeFacts>;
  /** Fetches and probes a URL; absent where URLs are not fetched (the API: their facts stay unknown). */
  fetchUrl?(url: string): Promise<{ path: string; facts: ProbeFacts; kind: AssetKind }>;
  /** Dry runs show `asset:<id>` and `library:<ref>` instead of paths, so answers never reveal the file layout. */
  labelPaths: boolean;
}

/**
 * `load`, called once per key for the life of the returned function; a failure is forgotten so the next call
 * tries again. For read-only things (library probes and analyses) that every job would otherwise redo.
 */
export function onceEach<V>(load: (key: string) => Promise<V>): (key: string) => Promise<V> {
  const results = new Map<string, Promise<V>>();
  return (key) => {
    let result = results.get(key);
    if (!result) {
      result = load(key);
      result.catch(() => results.delete(key));
      results.set(key, result);
    }
    return result;
  };
}

/** The same error with the caller's field in front, so a fetch or parse failure says which field it was. */
function naming(field: string, error: unknown): unknown {
  return error instanceof DomainError
    ? new DomainError(error.code, `${field}: ${error.message}`, { ...error.details, field })
    : error;
}

/**
 * A generation's media, for the API (asset rows, library probes; URLs unknown until the worker fetches them)
 * and the worker (the same, plus URLs fetched once per job through the SSRF-safe client). One class, so both
 * refuse the same things with the same messages.
 */
export class MediaResolver implements GenerationResolver {
  private readonly fetched = new Map<string, Promise<MediaFacts>>();

  constructor(private readonly deps: MediaResolverDeps) {}

  async media(source: MediaSource, expected: ExpectedMedia | null, field: string): Promise<MediaFacts | null> {
    if ('url' in source) {
      const facts = await this.fetch(source.url, field);
      if (facts === null) return null;
      const problem = kindProblem(facts, expected);
      if (problem) throw new InvalidMediaError(`${field}: the media at ${source.url} ${problem}`, { field });
      return facts;
    }
    if ('assetId' in source || 'variantId' in source) {
      const stored = await this.deps.findInput(source, field);
      const facts = factsFromProbe(
        stored.probe,
        this.deps.labelPaths ? stored.label.replace(' ', ':') : stored.path,
        stored.kind,
      );
      const problem = kindProblem(facts, expected);
      if (problem) throw new InvalidMediaError(`${field}: ${stored.label} ${problem}`, { field });
      return facts;
    }
    const item = await this.deps.library
      .resolve(source.library, LIBRARY_CATEGORIES_FOR[expected ?? 'any'])
      .catch((error: unknown) => {
        throw naming(field, error);
      });
    const probe = await this.deps.probeLibrary(item.path);
    const facts = factsFromProbe(
      probe,
      this.deps.labelPaths ? `library:${item.ref}` : item.path,
      classifyMedia(probe).kind,
    );
    const problem = kindProblem(facts, expected);
    // The library is ours and listed: picking the wrong item is a request mistake, not bad media.
    if (problem) throw new InvalidInputError(`${field}: library item ${item.ref} ${problem}`, { field });
    return facts;
  }

  async captions(source: { assetId: string } | { inline: string }, field: string): Promise<CaptionCue[]> {
    let text: string;
    if ('inline' in source) {
      text = source.inline;
    } else {
      const asset = await this.deps.findInput(source, field);
      if (asset.kind !== AssetKind.Subtitles) {
        throw new InvalidMediaError(`${field}: ${asset.label} is ${asset.kind}, not SRT or WebVTT subtitles`, {
          field,
        });
      }
      text = await readFile(asset.path, 'utf8');
    }
    try {
      return parseCaptions(text);
    } catch (error) {
      throw naming(field, error);
    }
  }

  private fetch(url: string, field: string): Promise<MediaFacts | null> {
    const fetchUrl = this.deps.fetchUrl;
    if (!fetchUrl) return Promise.resolve(null);
    let pending = this.fetched.get(url);
    if (!pending) {
      pending = fetchUrl(url).then(
        (fetched) => factsFromProbe(fetched.facts, fetched.path, fetched.kind),
        (error: unknown) => {
          throw naming(field, error);
        },
      );
      this.fetched.set(url, pending);
    }
    return pending;
  }
}
