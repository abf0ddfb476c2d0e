import { type CaptionCue, type MediaFacts, type MediaSource } from '@reelforge/compose';
import {
  AssetKind,
  type AudioAnalysis,
  DomainError,
  InvalidInputError,
  InvalidMediaError,
  type ProbeFacts,
} from '@reelforge/contracts';
import { classifyMedia } from '@reelforge/media';
import { type MediaTools } from '@reelforge/media/nest';
import { type LibraryCatalog } from '@reelforge/storage';
import {
  type ExpectedMedia,
  factsFromProbe,
  type GenerationResolver,
  kindProblem,
  LIBRARY_CATEGORIES_FOR,
  libraryTemplateContext,
  type TemplateContext,
} from '@reelforge/templates';
import { parseCaptions } from '@reelforge/text';
import { readFile } from 'node:fs/promises';
import { type AudioAnalysisService } from './audio-analysis.js';
import { type RemoteMediaFetcher } from './remote-media.js';
import { type SourceAssets } from './source-assets.js';

export interface WorkerResolverDeps {
  tenantId: string;
  /** Fetched URLs land here, inside the job's temp directory, and go with it. */
  workDir: string;
  signal: AbortSignal;
  sources: SourceAssets;
  library: LibraryCatalog;
  media: MediaTools;
  fetcher: RemoteMediaFetcher;
  analysis: AudioAnalysisService;
  /** Analyses of library files, kept for the life of the worker: the library only changes with a deployment. */
  libraryAnalyses: Map<string, Promise<AudioAnalysis>>;
}

/**
 * One job's media: asset files, library files and URLs fetched once each (through the SSRF-safe
 * client, probed from the saved file like an upload), shared by template expansion (durations, beats)
 * and the layers that use them.
 */
export class WorkerGenerationResolver implements GenerationResolver {
  private readonly fetched = new Map<string, Promise<MediaFacts>>();

  constructor(private readonly deps: WorkerResolverDeps) {}

  async media(source: MediaSource, expected: ExpectedMedia | null, field: string): Promise<MediaFacts> {
    const facts = await this.facts(source, expected, field);
    const problem = kindProblem(facts, expected);
    if (problem) throw new InvalidMediaError(`${field}: ${describe(source)} ${problem}`, { field });
    return facts;
  }

  async captions(source: { assetId: string } | { inline: string }, field: string): Promise<CaptionCue[]> {
    let text: string;
    if ('inline' in source) {
      text = source.inline;
    } else {
      const { asset, path } = await this.deps.sources.load(this.deps.tenantId, source.assetId);
      if (asset.kind !== AssetKind.Subtitles) {
        throw new InvalidMediaError(`${field}: asset ${asset.id} is ${asset.kind}, not SRT or WebVTT subtitles`, {
          field,
        });
      }
      text = await readFile(path, 'utf8');
    }
    try {
      return parseCaptions(text);
    } catch (error) {
      if (error instanceof DomainError) throw new InvalidInputError(`${field}: ${error.message}`, { field });
      throw error;
    }
  }

  /** Beats from the asset's cached analysis (computed and cached when missing) or from the file itself. */
  templateContext(): TemplateContext {
    return libraryTemplateContext({
      library: this.deps.library,
      probe: (path: string) => this.deps.media.probe(path),
      analyseAudio: async (source: MediaSource) => {
        if ('assetId' in source) return this.deps.analysis.forAsset(this.deps.tenantId, source.assetId);
        const facts = await this.media(source, 'audio', 'fields');
        if (!('library' in source)) return this.deps.analysis.forFile(facts.path);
        let analysis = this.deps.libraryAnalyses.get(facts.path);
        if (!analysis) {
          analysis = this.deps.analysis.forFile(facts.path);
          analysis.catch(() => this.deps.libraryAnalyses.delete(facts.path));
          this.deps.libraryAnalyses.set(facts.path, analysis);
        }
        return analysis;
      },
      mediaDurationSec: async (source: MediaSource) => (await this.media(source, null, 'fields')).durationSec,
    });
  }

  private async facts(source: MediaSource, expected: ExpectedMedia | null, field: string): Promise<MediaFacts> {
    if ('assetId' in source) {
      const { asset, path } = await this.deps.sources.load(this.deps.tenantId, source.assetId);
      return factsFromProbe(asset.probe, path, asset.kind);
    }
    if ('library' in source) {
      const item = await this.deps.library.resolve(source.library, LIBRARY_CATEGORIES_FOR[expected ?? 'any']);
      const probe: ProbeFacts = await this.deps.media.probe(item.path);
      return factsFromProbe(probe, item.path, classifyMedia(probe).kind);
    }
    let pending = this.fetched.get(source.url);
    if (!pending) {
      pending = this.deps.fetcher
        .fetch(this.deps.tenantId, source.url, this.deps.workDir, this.deps.signal)
        .then((fetched) => factsFromProbe(fetched.facts, fetched.path, fetched.kind))
        .catch((error: unknown) => {
          throw error instanceof DomainError ? new InvalidInputError(`${field}: ${error.message}`, { field }) : error;
        });
      this.fetched.set(source.url, pending);
    }
    return pending;
  }
}

function describe(source: MediaSource): string {
  if ('assetId' in source) return `asset ${source.assetId}`;
  if ('library' in source) return `library item ${source.library}`;
  return `the media at ${source.url}`;
}
