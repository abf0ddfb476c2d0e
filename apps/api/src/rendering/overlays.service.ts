import { Injectable } from '@nestjs/common';
import { instanceToPlain } from 'class-transformer';
import {
  AssetKind,
  InvalidInputError,
  InvalidMediaError,
  JobType,
  type LayerPlacement,
  type MediaSourceRef,
  type OverlayLayerPayload,
} from '@reelforge/contracts';
import { anchorPosition, ExpressionError, OVERLAY_VARIABLES, userExpression } from '@reelforge/filtergraph';
import { displaySize } from '@reelforge/render';
import { LibraryCatalog } from '@reelforge/storage';
import { type JobAcceptedDto } from '../jobs/job.dto.js';
import { JobsService } from '../jobs/jobs.service.js';
import { AssetsService } from '../assets/assets.service.js';
import { TextLayersService } from '../text/text-layers.service.js';
import { inputRecord, MediaInputs } from './media-inputs.js';
import { type SourceDto } from './source.dto.js';
import {
  type CreateOverlaysDto,
  type CreateWatermarkDto,
  type MediaSourceDto,
  type OverlayLayerDto,
  type PositionDto,
  type WatermarkSpecDto,
} from './overlay.dto.js';

interface VideoFrame {
  widthPx: number;
  heightPx: number;
  durationSec: number;
}

const DEFAULT_WATERMARK_SCALE = 0.15;

/**
 * Turns overlay and watermark requests into job payloads, checking everything that can be checked
 * before a worker spends time on it: sources exist and are the right kind, expressions parse,
 * windows lie inside the video, fonts exist. Every refusal names the field.
 */
@Injectable()
export class OverlaysService {
  constructor(
    private readonly assets: AssetsService,
    private readonly inputs: MediaInputs,
    private readonly jobs: JobsService,
    private readonly library: LibraryCatalog,
    private readonly text: TextLayersService,
  ) {}

  async overlays(tenantId: string, dto: CreateOverlaysDto, idempotencyKey?: string): Promise<JobAcceptedDto> {
    const { source, inputs: sourceInputs, frame } = await this.video(tenantId, dto);
    const layers: OverlayLayerPayload[] = [];
    for (const [i, layer] of dto.layers.entries()) {
      layers.push(await this.layer(tenantId, frame, layer, `layers[${i}]`));
    }
    if (dto.watermark) layers.push(await this.watermarkLayer(tenantId, frame, dto.watermark, 'watermark'));
    const inputs = [...sourceInputs, ...assetIdsOf(layers)];
    return this.jobs.create({
      tenantId,
      type: JobType.Overlay,
      request: instanceToPlain(dto),
      inputs,
      payload: (jobId) => ({ jobId, tenantId, source, layers }),
      dto,
      idempotencyKey,
    });
  }

  async watermark(tenantId: string, dto: CreateWatermarkDto, idempotencyKey?: string): Promise<JobAcceptedDto> {
    const { source, inputs, frame } = await this.video(tenantId, dto);
    const layer = await this.watermarkLayer(tenantId, frame, dto, 'body');
    return this.jobs.create({
      tenantId,
      type: JobType.Watermark,
      request: instanceToPlain(dto),
      inputs: [...inputs, ...assetIdsOf([layer])],
      payload: (jobId) => ({ jobId, tenantId, source, layers: [layer] }),
      dto,
      idempotencyKey,
    });
  }

  private async video(
    tenantId: string,
    dto: { source?: SourceDto; assetId?: string },
  ): Promise<ReturnType<typeof inputRecord> & { frame: VideoFrame }> {
    const input = await this.inputs.of(tenantId, dto);
    if (!input.hasVideo || input.kind === AssetKind.Image) {
      throw new InvalidMediaError(`Overlays need a video; ${input.label} is ${input.kind}`, { field: input.field });
    }
    return { ...inputRecord(input), frame: { ...displaySize(input), durationSec: input.durationSec ?? 0 } };
  }

  private async layer(
    tenantId: string,
    frame: VideoFrame,
    dto: OverlayLayerDto,
    field: string,
  ): Promise<OverlayLayerPayload> {
    const placement = (size: Pick<LayerPlacement, 'widthPx' | 'heightPx'>): LayerPlacement => ({
      ...this.position(dto.position, field, 'center'),
      ...size,
      ...this.window(dto, frame, field),
      opacity: dto.opacity ?? 1,
    });
    switch (dto.type) {
      case 'text': {
        if (!dto.text) {
          throw new InvalidInputError(`${field}.text is required for a text layer`, { field: `${field}.text` });
        }
        if (dto.source || dto.scale !== undefined) {
          throw new InvalidInputError(`${field}: a text layer takes text, not source or scale`, { field });
        }
        const text = await this.text.toSpec(tenantId, dto.text, `${field}.text`);
        return { kind: 'text', text, ...placement({ widthPx: null, heightPx: null }) };
      }
      case 'image':
      case 'video': {
        if (!dto.source) {
          throw new InvalidInputError(`${field}.source is required for an ${dto.type} layer`, {
            field: `${field}.source`,
          });
        }
        if (dto.text) throw new InvalidInputError(`${field}: an ${dto.type} layer takes source, not text`, { field });
        const source = await this.source(
          tenantId,
          dto.source,
          dto.type === 'image' ? AssetKind.Image : AssetKind.Video,
          `${field}.source`,
        );
        const size = this.size(dto, frame, field);
        return dto.type === 'image'
          ? { kind: 'image', source, ...placement(size) }
          : { kind: 'video', source, loop: dto.loop ?? true, ...placement(size) };
      }
    }
  }

  private async watermarkLayer(
    tenantId: string,
    frame: VideoFrame,
    dto: WatermarkSpecDto,
    field: string,
  ): Promise<OverlayLayerPayload> {
    if ((dto.image === undefined) === (dto.text === undefined)) {
      throw new InvalidInputError(`${field}: give exactly one of image or text`, { field: `${field}.image` });
    }
    const base = {
      ...this.position(dto.position, field, 'bottom-right'),
      ...this.window(dto, frame, field),
      opacity: dto.opacity ?? 1,
    };
    if (dto.text) {
      return {
        kind: 'text',
        text: await this.text.toSpec(tenantId, dto.text, `${field}.text`),
        ...base,
        widthPx: null,
        heightPx: null,
      };
    }
    const source = await this.source(tenantId, dto.image as MediaSourceDto, AssetKind.Image, `${field}.image`);
    const widthPx = evenPx(frame.widthPx * (dto.scale ?? DEFAULT_WATERMARK_SCALE));
    return { kind: 'image', source, ...base, widthPx, heightPx: -1 };
  }

  private async source(tenantId: string, dto: MediaSourceDto, kind: AssetKind, field: string): Promise<MediaSourceRef> {
    if ((dto.library === undefined) === (dto.assetId === undefined)) {
      throw new InvalidInputError(`${field}: give exactly one of library or assetId`, { field });
    }
    if (dto.library !== undefined) {
      const item = await this.library.resolve(dto.library, ['overlays', 'frames']).catch((error: unknown) => {
        throw new InvalidInputError(`${field}.library: ${(error as Error).message}`, { field: `${field}.library` });
      });
      const isVideo = /\.(mp4|mov|webm|mkv)$/i.test(item.name);
      if ((kind === AssetKind.Video) !== isVideo) {
        throw new InvalidMediaError(
          `${field}.library: ${item.ref} is not ${kind === AssetKind.Video ? 'a video' : 'an image'}`,
          {
            field: `${field}.library`,
          },
        );
      }
      return { library: item.ref };
    }
    const asset = await this.assets.getOwnedOrFail(tenantId, dto.assetId as string);
    if (asset.kind !== kind) {
      throw new InvalidMediaError(
        `${field}.assetId: this layer needs ${kind === AssetKind.Video ? 'a video' : 'an image'} asset; asset ${asset.id} is ${asset.kind}`,
        {
          field: `${field}.assetId`,
        },
      );
    }
    return { assetId: asset.id };
  }

  private position(
    dto: PositionDto | undefined,
    field: string,
    fallback: 'center' | 'bottom-right',
  ): Pick<LayerPlacement, 'x' | 'y'> {
    const anchored = anchorPosition(dto?.anchor ?? fallback, dto?.marginPx ?? (fallback === 'center' ? 0 : 24));
    const parse = (text: string | undefined, axis: 'x' | 'y'): string => {
      if (text === undefined) return anchored[axis];
      try {
        return userExpression(text, OVERLAY_VARIABLES);
      } catch (error) {
        if (error instanceof ExpressionError) {
          throw new InvalidInputError(`${field}.position.${axis}: ${error.message}`, {
            field: `${field}.position.${axis}`,
            position: error.position,
          });
        }
        throw error;
      }
    };
    return { x: parse(dto?.x, 'x'), y: parse(dto?.y, 'y') };
  }

  private window(
    dto: { startSec?: number; endSec?: number; fadeInSec?: number; fadeOutSec?: number },
    frame: VideoFrame,
    field: string,
  ): Pick<LayerPlacement, 'startSec' | 'endSec' | 'fadeInSec' | 'fadeOutSec'> {
    const startSec = dto.startSec ?? 0;
    const endSec = dto.endSec ?? null;
    if (startSec >= frame.durationSec) {
      throw new InvalidInputError(
        `${field}.startSec (${startSec}s) is at or past the end of the video (${frame.durationSec}s)`,
        {
          field: `${field}.startSec`,
        },
      );
    }
    if (endSec !== null && endSec > frame.durationSec + 0.001) {
      throw new InvalidInputError(`${field}.endSec (${endSec}s) is past the end of the video (${frame.durationSec}s)`, {
        field: `${field}.endSec`,
      });
    }
    if (endSec !== null && endSec <= startSec) {
      throw new InvalidInputError(`${field}.endSec must be greater than startSec`, { field: `${field}.endSec` });
    }
    const lengthSec = (endSec ?? frame.durationSec) - startSec;
    const fadeInSec = dto.fadeInSec ?? 0;
    const fadeOutSec = dto.fadeOutSec ?? 0;
    if (fadeInSec + fadeOutSec > lengthSec + 0.001) {
      throw new InvalidInputError(
        `${field}: fades (${fadeInSec + fadeOutSec}s) are longer than the layer's window (${lengthSec}s)`,
        {
          field: `${field}.fadeInSec`,
        },
      );
    }
    return { startSec, endSec, fadeInSec, fadeOutSec };
  }

  private size(dto: OverlayLayerDto, frame: VideoFrame, field: string): Pick<LayerPlacement, 'widthPx' | 'heightPx'> {
    if (dto.scale !== undefined) {
      if (dto.widthPx !== undefined || dto.heightPx !== undefined) {
        throw new InvalidInputError(`${field}: give scale or widthPx/heightPx, not both`, { field: `${field}.scale` });
      }
      return { widthPx: evenPx(frame.widthPx * dto.scale), heightPx: -1 };
    }
    if (dto.widthPx === undefined && dto.heightPx === undefined) return { widthPx: null, heightPx: null };
    return { widthPx: dto.widthPx ?? -1, heightPx: dto.heightPx ?? -1 };
  }
}

function evenPx(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}

function assetIdsOf(layers: readonly OverlayLayerPayload[]): string[] {
  return layers.flatMap((layer) => (layer.kind !== 'text' && 'assetId' in layer.source ? [layer.source.assetId] : []));
}
