import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type CompositionPlan,
  type MediaSource,
  parseOrThrow,
  planComposition,
  POSTER_MAX_WIDTH_PX,
} from '@reelforge/compose';
import { AssetKind, type GenerateRequest, InvalidInputError, JobType } from '@reelforge/contracts';
import { checkDrawable, FontRegistry } from '@reelforge/text';
import { AssetEntity, resolveMediaInput } from '@reelforge/db';
import { MediaTools } from '@reelforge/media/nest';
import { LibraryCatalog, MediaInputs } from '@reelforge/storage';
import {
  libraryTemplateContext,
  MediaResolver,
  onceEach,
  prepareGeneration,
  type PreparedGeneration,
  type TemplateContext,
} from '@reelforge/templates';
import { type Repository } from 'typeorm';
import { type JobAcceptedDto } from '../jobs/job.dto.js';
import { type JobOptions, JobsService } from '../jobs/jobs.service.js';
import { TextLayersService } from '../text/text-layers.service.js';
import { generateEnvelopeSchemas } from './generate-request.js';

/** What `?dryRun=true` answers: the expanded composition, the plan and the ffmpeg argv, nothing rendered. */
export interface DryRunAnswer {
  dryRun: true;
  composition: PreparedGeneration['composition'];
  plan: Omit<CompositionPlan, 'argv'>;
  argv: string[];
  warnings: string[];
}

/**
 * Generation requests: everything that can be checked without rendering is checked here (fields,
 * the expanded composition, every asset's ownership and kind, library references), so a bad request
 * is a 400/404/422 and never a failed job. The worker expands the request again with what only it
 * has: fetched URLs and the music's beats.
 */
@Injectable()
export class GenerateService {
  /** Library files change only with a deployment: probe each once per process. */
  private readonly probeLibrary = onceEach((path) => this.media.probe(path));

  constructor(
    @InjectRepository(AssetEntity) private readonly assets: Repository<AssetEntity>,
    private readonly jobs: JobsService,
    private readonly library: LibraryCatalog,
    private readonly inputs: MediaInputs,
    private readonly media: MediaTools,
    private readonly fonts: FontRegistry,
    private readonly textLayers: TextLayersService,
  ) {}

  async generate(
    tenantId: string,
    body: unknown,
    dryRun: boolean,
    idempotencyKey?: string,
  ): Promise<JobAcceptedDto | DryRunAnswer> {
    const { request, options } = this.envelope(body);
    const resolver = this.resolver(tenantId);
    const prepared = await prepareGeneration(request, resolver, this.templateContext(tenantId, resolver));
    await this.checkText(tenantId, prepared);
    if (dryRun) {
      const { argv, ...plan } = planComposition({
        composition: prepared.composition,
        media: prepared.media,
        captions: prepared.captions,
        workDir: 'work',
        outputPath: `output.${prepared.composition.output.format}`,
        // The worker's argv, poster output included.
        poster: { path: 'poster.jpg', maxWidthPx: POSTER_MAX_WIDTH_PX },
      });
      return {
        dryRun: true,
        composition: prepared.composition,
        plan,
        argv,
        warnings: [...prepared.warnings, ...plan.warnings],
      };
    }
    return this.jobs.create({
      tenantId,
      type: JobType.Generate,
      request: { ...prepared.request },
      inputs: prepared.assetIds,
      payload: (jobId) => ({ jobId, tenantId, request: prepared.request }),
      dto: { ...options, ...request },
      idempotencyKey,
    });
  }

  /**
   * A composition checked exactly as `POST /v1/generate` checks one (schema, every asset's ownership and
   * kind, library references, drawable text), without queueing: projects validate every saved version through this.
   */
  async prepareComposition(tenantId: string, composition: Record<string, unknown>): Promise<PreparedGeneration> {
    const resolver = this.resolver(tenantId);
    const prepared = await prepareGeneration({ composition }, resolver, this.templateContext(tenantId, resolver));
    await this.checkText(tenantId, prepared);
    return prepared;
  }

  /**
   * Refuses text no bundled or uploaded font can draw, naming the characters, so a dry run, a submission
   * and the preview agree; the worker would otherwise fail the job late. Subtitle cues are checked too.
   */
  private async checkText(tenantId: string, prepared: PreparedGeneration): Promise<void> {
    for (const [i, layer] of prepared.composition.layers.entries()) {
      if (layer.type !== 'text' && layer.type !== 'subtitles') continue;
      await this.textLayers.ensureFamily(tenantId, layer.style.fontFamily);
      const style = { fontFamily: layer.style.fontFamily, tenantId };
      try {
        if (layer.type === 'text') {
          checkDrawable(layer.text, this.fonts, { ...style, field: `composition.layers.${i}.text` });
        } else {
          const cues = (prepared.captions.get(i) ?? []).map((cue) => cue.text).join('\n');
          if (cues.trim() !== '') {
            checkDrawable(cues, this.fonts, { ...style, field: `composition.layers.${i}.source` });
          }
        }
      } catch (error) {
        // An unknown family names the style field, as the caller wrote it.
        if (error instanceof InvalidInputError && error.details.field === 'fontFamily') {
          throw new InvalidInputError(`composition.layers.${i}.style.${error.message}`, {
            field: `composition.layers.${i}.style.fontFamily`,
          });
        }
        throw error;
      }
    }
  }

  /** Told apart by key first, so errors speak about the shape the caller meant. */
  private envelope(body: unknown): { request: GenerateRequest; options: JobOptions } {
    const isComposition = typeof body === 'object' && body !== null && 'composition' in body;
    if (isComposition) {
      const { composition, ...options } = parseOrThrow(generateEnvelopeSchemas.composition, body);
      return { request: { composition }, options };
    }
    const { template, fields, output, ...options } = parseOrThrow(generateEnvelopeSchemas.template, body);
    return { request: { template, fields, ...(output ? { output } : {}) }, options };
  }

  private resolver(tenantId: string): MediaResolver {
    return new MediaResolver({
      findInput: async (ref, field) => {
        const input = await resolveMediaInput(this.assets.manager, tenantId, ref, { field });
        // A dry run reads only caption files (to check their cues); other paths are labelled, never opened.
        const path =
          input.kind === AssetKind.Subtitles
            ? await this.inputs.cachedFile(input.storageKey)
            : input.sourceVariantId
              ? `variant:${input.sourceVariantId}`
              : `asset:${input.rootAssetId}`;
        return { label: input.label, kind: input.kind, probe: input.probe, path };
      },
      library: this.library,
      probeLibrary: this.probeLibrary,
      labelPaths: true,
    });
  }

  /** Dry runs use analyses already cached on assets; the worker computes missing ones when it renders. */
  private templateContext(tenantId: string, resolver: MediaResolver): TemplateContext {
    return libraryTemplateContext({
      library: this.library,
      probe: this.probeLibrary,
      analyseAudio: async (source: MediaSource) => {
        if (!('assetId' in source)) return null;
        return (await this.assets.findOneBy({ tenantId, id: source.assetId }))?.analysis ?? null;
      },
      mediaDurationSec: async (source: MediaSource) =>
        (await resolver.media(source, null, 'fields'))?.durationSec ?? null,
    });
  }
}
