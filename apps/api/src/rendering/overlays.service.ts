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
import {
  type Anchor,
  anchorPosition,
  compileExpression,
  evaluateExpression,
  ExpressionError,
  type ExprNode,
  formatNumber,
  OVERLAY_VARIABLES,
  parseExpression,
} from '@reelforge/filtergraph';
import { type TextAlign } from '@reelforge/text';
import { displaySize } from '@reelforge/render';
import { LibraryCatalog } from '@reelforge/storage';
import { type JobAcceptedDto } from '../jobs/job.dto.js';
import { JobsService } from '../jobs/jobs.service.js';
import { AssetsService } from '../assets/assets.service.js';
import { TextLayersService } from '../text/text-layers.service.js';
import { inputRecord, OperationSources } from './operation-sources.js';
import { type SourceDto } from './source.dto.js';
import {
  type CreateOverlaysDto,
  type CreateWatermarkDto,
  type MediaSourceDto,
  type LayerLookDto,
  type OverlayLayerDto,
  type WatermarkSpecDto,
} from './overlay.dto.js';
import {
  fromLegacyText,
  type TextFrame,
  type TextLayerDto,
  type TextLayerInput,
  type TextStyleDto,
} from '../text/text-layer.dto.js';

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
/**
 * A text box defaults to the frame's width, so left-aligned text would sit at the left edge whatever the
 * anchor. When the caller anchored the layer (or it is a watermark, bottom-right by default) and gave
 * neither a width nor an alignment, the text lines up with the side it is anchored to.
 */
function alignForAnchor(
  dto: LayerLookDto,
  input: { style?: { align?: unknown }; widthPx?: number },
  fallback: Anchor | null,
): TextAlign | undefined {
  if (input.style?.align !== undefined || input.widthPx !== undefined) return undefined;
  const horizontal = dto.position ? dto.position.x : (dto.x ?? dto.xPx);
  if (horizontal !== undefined) return undefined;
  const anchor = dto.position ? (dto.position.anchor ?? fallback) : (dto.anchor ?? fallback);
  if (!anchor) return undefined;
  return anchor.endsWith('right') ? 'right' : anchor.endsWith('left') ? 'left' : 'center';
}

@Injectable()
export class OverlaysService {
  constructor(
    private readonly assets: AssetsService,
    private readonly sources: OperationSources,
    private readonly jobs: JobsService,
    private readonly library: LibraryCatalog,
    private readonly text: TextLayersService,
  ) {}

  async overlays(tenantId: string, dto: CreateOverlaysDto, idempotencyKey?: string): Promise<JobAcceptedDto> {
    const { source, inputs: sourceInputs, frame } = await this.video(tenantId, dto);
    const warnings: string[] = [];
    const layers: OverlayLayerPayload[] = [];
    for (const [i, layer] of dto.layers.entries()) {
      layers.push(await this.layer(tenantId, frame, layer, `layers[${i}]`, warnings));
    }
    if (dto.watermark) {
      layers.push(await this.watermarkLayer(tenantId, frame, dto.watermark, 'watermark', warnings));
    }
    const inputs = [...sourceInputs, ...assetIdsOf(layers)];
    return this.jobs.create({
      tenantId,
      type: JobType.Overlay,
      request: instanceToPlain(dto),
      inputs,
      payload: (jobId) => ({ jobId, tenantId, source, layers }),
      dto,
      idempotencyKey,
      warnings,
    });
  }

  async watermark(tenantId: string, dto: CreateWatermarkDto, idempotencyKey?: string): Promise<JobAcceptedDto> {
    const { source, inputs, frame } = await this.video(tenantId, dto);
    const warnings: string[] = [];
    const layer = await this.watermarkLayer(tenantId, frame, dto, 'body', warnings);
    return this.jobs.create({
      tenantId,
      type: JobType.Watermark,
      request: instanceToPlain(dto),
      inputs: [...inputs, ...assetIdsOf([layer])],
      payload: (jobId) => ({ jobId, tenantId, source, layers: [layer] }),
      dto,
      idempotencyKey,
      warnings,
    });
  }

  private async video(
    tenantId: string,
    dto: { source?: SourceDto; assetId?: string },
  ): Promise<ReturnType<typeof inputRecord> & { frame: VideoFrame }> {
    const input = await this.sources.of(tenantId, dto);
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
    warnings: string[],
  ): Promise<OverlayLayerPayload> {
    const window = this.window(dto, frame, field);
    const placement = (size: Pick<LayerPlacement, 'widthPx' | 'heightPx'>, layerSize: LayerSize): LayerPlacement => ({
      ...this.position(dto, field, 'center', frame, layerSize, window, warnings),
      ...size,
      ...window,
      opacity: dto.opacity ?? 1,
    });
    switch (dto.type) {
      case 'text': {
        if (dto.text === undefined) {
          throw new InvalidInputError(`${field}.text is required for a text layer`, { field: `${field}.text` });
        }
        if (dto.source || dto.scale !== undefined) {
          throw new InvalidInputError(`${field}: a text layer takes text, not source or scale`, { field });
        }
        const { input, textField } = this.textInput(dto, field, warnings);
        const text = await this.text.toSpec(tenantId, input, this.textFrame(frame, dto), textField);
        text.align ??= alignForAnchor(dto, input, null);
        return {
          kind: 'text',
          text,
          ...placement({ widthPx: null, heightPx: null }, { widthPx: text.boxWidthPx, heightPx: text.boxHeightPx }),
        };
      }
      case 'image':
      case 'video': {
        if (!dto.source) {
          throw new InvalidInputError(`${field}.source is required for an ${dto.type} layer`, {
            field: `${field}.source`,
          });
        }
        if (dto.text !== undefined || dto.style !== undefined) {
          throw new InvalidInputError(`${field}: an ${dto.type} layer takes source, not text or style`, { field });
        }
        const source = await this.source(
          tenantId,
          dto.source,
          dto.type === 'image' ? AssetKind.Image : AssetKind.Video,
          `${field}.source`,
        );
        const size = this.size(dto, frame, field);
        const layerSize = { widthPx: positiveOrUndefined(size.widthPx), heightPx: positiveOrUndefined(size.heightPx) };
        return dto.type === 'image'
          ? { kind: 'image', source, ...placement(size, layerSize) }
          : { kind: 'video', source, loop: dto.loop ?? true, ...placement(size, layerSize) };
      }
    }
  }

  /**
   * The text in the one layer shape: `text` a string with `style` beside it. The deprecated object form
   * is moved into that shape with a warning on the job; errors then name fields as the caller wrote them.
   */
  private textInput(
    dto: { text?: string | TextLayerDto; style?: TextStyleDto; widthPx?: number; heightPx?: number },
    field: string,
    warnings: string[],
  ): { input: TextLayerInput; textField: string } {
    if (typeof dto.text === 'string') {
      return {
        input: { text: dto.text, style: dto.style, widthPx: dto.widthPx, heightPx: dto.heightPx },
        textField: field,
      };
    }
    const legacy = dto.text as TextLayerDto;
    if (dto.style !== undefined) {
      throw new InvalidInputError(
        `${field}: give text as a string with style, or the deprecated text object, not both`,
        {
          field: `${field}.style`,
        },
      );
    }
    warnings.push(
      `${field}.text: the object form {text, fontSizePx, color, boxWidthPx, ...} is deprecated; send text as a string and the look in style (docs/input-rules.md)`,
    );
    return { input: { ...fromLegacyText(legacy), legacy: true }, textField: `${field}.text` };
  }

  private textFrame(frame: VideoFrame, dto: LayerLookDto): TextFrame {
    const marginPx = dto.marginPx ?? dto.position?.marginPx ?? 0;
    return { widthPx: frame.widthPx, heightPx: frame.heightPx, marginPx };
  }

  private async watermarkLayer(
    tenantId: string,
    frame: VideoFrame,
    dto: WatermarkSpecDto,
    field: string,
    warnings: string[],
  ): Promise<OverlayLayerPayload> {
    if ((dto.image === undefined) === (dto.text === undefined)) {
      throw new InvalidInputError(`${field}: give exactly one of image or text`, { field: `${field}.image` });
    }
    const window = this.window(dto, frame, field);
    const base = (layerSize: LayerSize) => ({
      ...this.position(dto, field, 'bottom-right', frame, layerSize, window, warnings),
      ...window,
      opacity: dto.opacity ?? 1,
    });
    if (dto.text !== undefined) {
      const { input, textField } = this.textInput(dto, field, warnings);
      const frameForText = { ...this.textFrame(frame, dto), marginPx: dto.marginPx ?? dto.position?.marginPx ?? 24 };
      const text = await this.text.toSpec(tenantId, input, frameForText, textField);
      text.align ??= alignForAnchor(dto, input, 'bottom-right');
      return {
        kind: 'text',
        text,
        ...base({ widthPx: text.boxWidthPx, heightPx: text.boxHeightPx }),
        widthPx: null,
        heightPx: null,
      };
    }
    if (dto.style !== undefined || dto.widthPx !== undefined) {
      throw new InvalidInputError(`${field}: an image watermark takes scale, not style or widthPx`, {
        field: `${field}.style`,
      });
    }
    const source = await this.source(tenantId, dto.image as MediaSourceDto, AssetKind.Image, `${field}.image`);
    const widthPx = evenPx(frame.widthPx * (dto.scale ?? DEFAULT_WATERMARK_SCALE));
    return { kind: 'image', source, ...base({ widthPx, heightPx: undefined }), widthPx, heightPx: -1 };
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

  /**
   * x and y as checked expressions. Placement is given on the layer (`anchor`, `marginPx`, `xPx`/`yPx` or
   * the expressions `x`/`y`), or through the deprecated `position` object (warned). Every expression is
   * evaluated for this video's size, the layer's size (or its extremes when unknown) and the window's
   * start, middle and end: one that is not finite there (`1/0`, `0/0`) is refused instead of reaching ffmpeg.
   */
  private position(
    dto: LayerLookDto,
    field: string,
    fallback: 'center' | 'bottom-right',
    frame: VideoFrame,
    layerSize: LayerSize,
    window: Pick<LayerPlacement, 'startSec' | 'endSec'>,
    warnings: string[],
  ): Pick<LayerPlacement, 'x' | 'y'> {
    const onLayer = [dto.anchor, dto.marginPx, dto.xPx, dto.yPx, dto.x, dto.y].some((value) => value !== undefined);
    if (dto.position !== undefined && onLayer) {
      throw new InvalidInputError(`${field}: give placement on the layer or in the deprecated position, not both`, {
        field: `${field}.position`,
      });
    }
    if (dto.position !== undefined) {
      warnings.push(
        `${field}.position is deprecated; give anchor, marginPx, xPx/yPx or x/y on the layer itself (docs/input-rules.md)`,
      );
    }
    const legacy = dto.position;
    const prefix = legacy ? `${field}.position` : field;
    const anchor = legacy?.anchor ?? dto.anchor;
    const marginPx = legacy?.marginPx ?? dto.marginPx;
    const anchored = anchorPosition(anchor ?? fallback, marginPx ?? (fallback === 'center' ? 0 : 24));
    const axis = (axisName: 'x' | 'y'): string => {
      const pxName = axisName === 'x' ? 'xPx' : 'yPx';
      const px = legacy ? undefined : dto[pxName];
      const expression = legacy ? legacy[axisName] : dto[axisName];
      if (px !== undefined && expression !== undefined) {
        throw new InvalidInputError(`${field}: give ${pxName} or ${axisName}, not both`, {
          field: `${field}.${pxName}`,
        });
      }
      if (px !== undefined) return formatNumber(px);
      if (expression === undefined) return anchored[axisName];
      return checkedExpression(expression, `${prefix}.${axisName}`, frame, layerSize, window);
    };
    return { x: axis('x'), y: axis('y') };
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

/** A layer's size in pixels where known before rendering; unknown sides are tried at their extremes. */
interface LayerSize {
  widthPx?: number;
  heightPx?: number;
}

function positiveOrUndefined(value: number | null): number | undefined {
  return value !== null && value > 0 ? value : undefined;
}

function checkedExpression(
  text: string,
  field: string,
  frame: VideoFrame,
  layerSize: LayerSize,
  window: Pick<LayerPlacement, 'startSec' | 'endSec'>,
): string {
  let node: ExprNode;
  try {
    node = parseExpression(text, OVERLAY_VARIABLES);
  } catch (error) {
    if (error instanceof ExpressionError) {
      throw new InvalidInputError(`${field}: ${error.message}`, { field, position: error.position });
    }
    throw error;
  }
  const endSec = window.endSec ?? frame.durationSec;
  const widths = layerSize.widthPx !== undefined ? [layerSize.widthPx] : [1, frame.widthPx];
  const heights = layerSize.heightPx !== undefined ? [layerSize.heightPx] : [1, frame.heightPx];
  for (const t of [window.startSec, (window.startSec + endSec) / 2, endSec]) {
    for (const w of widths) {
      for (const h of heights) {
        const W = frame.widthPx;
        const H = frame.heightPx;
        const vars = { W, H, main_w: W, main_h: H, w, h, overlay_w: w, overlay_h: h, t };
        const value = evaluateExpression(node, vars);
        if (!Number.isFinite(value)) {
          throw new InvalidInputError(
            `${field}: ${JSON.stringify(text)} is ${value} for a ${W}x${H} video, a ${w}x${h} layer at t=${t}s; positions must be finite numbers`,
            { field },
          );
        }
      }
    }
  }
  return compileExpression(node);
}

function evenPx(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}

function assetIdsOf(layers: readonly OverlayLayerPayload[]): string[] {
  return layers.flatMap((layer) => (layer.kind !== 'text' && 'assetId' in layer.source ? [layer.source.assetId] : []));
}
