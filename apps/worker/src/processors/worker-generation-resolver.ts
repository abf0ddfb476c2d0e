import { type MediaSource } from '@reelforge/compose';
import { type AudioAnalysis, NotFoundError, type ProbeFacts } from '@reelforge/contracts';
import { type LibraryCatalog } from '@reelforge/storage';
import { libraryTemplateContext, MediaResolver, type TemplateContext } from '@reelforge/templates';
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
  /** Probes library files once per process: the library only changes with a deployment. */
  probeLibrary(path: string): Promise<ProbeFacts>;
  fetcher: RemoteMediaFetcher;
  analysis: AudioAnalysisService;
  /** Analyses of library files, kept for the life of the worker, like their probes. */
  analyseLibrary(path: string): Promise<AudioAnalysis>;
}

/**
 * One job's media: asset files, library files and URLs fetched once each (through the SSRF-safe client,
 * probed from the saved file like an upload), shared by template expansion (durations, beats) and the
 * layers that use them.
 */
export class WorkerGenerationResolver extends MediaResolver {
  constructor(private readonly worker: WorkerResolverDeps) {
    super({
      findAsset: async (id) => {
        // Only "not found" means missing: a database fault must stay a (retried) fault, not become a 404.
        const found = await worker.sources.load(worker.tenantId, id, worker.workDir).catch((error: unknown) => {
          if (error instanceof NotFoundError) return null;
          throw error;
        });
        return found && { id: found.asset.id, kind: found.asset.kind, probe: found.asset.probe, path: found.path };
      },
      library: worker.library,
      probeLibrary: worker.probeLibrary,
      fetchUrl: (url) => worker.fetcher.fetch(worker.tenantId, url, worker.workDir, worker.signal),
      labelPaths: false,
    });
  }

  /** Beats from the asset's cached analysis (computed and cached when missing) or from the file itself. */
  templateContext(): TemplateContext {
    return libraryTemplateContext({
      library: this.worker.library,
      probe: this.worker.probeLibrary,
      analyseAudio: async (source: MediaSource) => {
        if ('assetId' in source) {
          return this.worker.analysis.forAsset(this.worker.tenantId, source.assetId, this.worker.workDir);
        }
        const path = (await this.media(source, 'audio', 'fields'))?.path;
        if (path === undefined) return null;
        return 'library' in source ? this.worker.analyseLibrary(path) : this.worker.analysis.forFile(path);
      },
      mediaDurationSec: async (source: MediaSource) => (await this.media(source, null, 'fields'))?.durationSec ?? null,
    });
  }
}
