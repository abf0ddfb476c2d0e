import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { InvalidInputError } from '@reelforge/contracts';
import { parseColor, type Rgba, toCssColor } from './color.js';
import { type FontChain, type FontRegistry } from './font-registry.js';
import { detectDirection, wrapText } from './line-breaking.js';

export type TextAlign = 'left' | 'center' | 'right' | 'start' | 'end';
export type TextDirection = 'ltr' | 'rtl';

/** One static text layer, drawn once to a transparent PNG and overlaid by ffmpeg. */
export interface TextLayerSpec {
  text: string;
  /** A bundled family (see FontRegistry.families) or one the tenant uploaded; default Noto Sans. */
  fontFamily?: string;
  fontWeight?: 'normal' | 'bold' | number;
  fontSizePx: number;
  /** When set, fontSizePx is ignored: the largest whole size in [min, max] whose text fits the box is used. */
  autoFit?: { minFontSizePx: number; maxFontSizePx: number };
  color: string;
  /** Line box height as a multiple of the font size; default 1.2. */
  lineHeight?: number;
  letterSpacingPx?: number;
  /** Default 'start': left for left-to-right text, right for right-to-left text. */
  align?: TextAlign;
  /** Default 'auto': right-to-left when the first strong character is Arabic, Hebrew, Syriac, Thaana or N'Ko. */
  direction?: 'auto' | TextDirection;
  boxWidthPx: number;
  /** Omitted: the PNG is as tall as the text (plus padding/outline). */
  boxHeightPx?: number;
  maxLines?: number;
  /** An outline of widthPx outside the glyph edges. */
  stroke?: { color: string; widthPx: number };
  shadow?: { color: string; offsetXPx: number; offsetYPx: number; blurPx: number };
  /** A rounded box hugging the text block, paddingPx around it. */
  background?: { color: string; paddingPx: number; radiusPx: number };
}

export interface TextMetrics {
  /** Size of the PNG: boxWidthPx by boxHeightPx, or the text's height when no boxHeightPx was given. */
  widthPx: number;
  heightPx: number;
  /** Width of the widest line and height of all line boxes, without padding or outline. */
  textWidthPx: number;
  textHeightPx: number;
  lines: string[];
  fontSizePx: number;
  /** The text did not fit: more lines than maxLines or the box height allows, or a character wider than the box. */
  overflow: boolean;
  /** Characters no bundled or tenant font covers; they are left out of the image rather than drawn as boxes. */
  missingGlyphs: string[];
  direction: TextDirection;
}

export interface TextRenderOptions {
  /** Makes the tenant's uploaded fonts usable by name. */
  tenantId?: string;
}

/** Hard limits that keep one synchronous layout pass short whatever the caller sends. */
export const TEXT_LAYER_LIMITS = {
  maxTextLength: 2_000,
  minFontSizePx: 1,
  maxFontSizePx: 1_024,
  maxBoxSidePx: 4_096,
  maxLines: 200,
} as const;

const DEFAULT_LINE_HEIGHT = 1.2;

export const DEFAULT_TEXT_COLOR = '#ffffff';

/**
 * The font size a text layer gets when it names none: 1/30 of the frame height (64 px on 1920, 36 on
 * 1080, 24 on 720), never under 12 px. Subtitles use 1/40 (48 px on 1920).
 */
export function defaultFontSizePx(frameHeightPx: number, fractionOfHeight = 1 / 30): number {
  const sizePx = Math.round(frameHeightPx * fractionOfHeight);
  return Math.min(TEXT_LAYER_LIMITS.maxFontSizePx, Math.max(12, sizePx));
}

/** The box a text layer wraps in when it gives no width: the frame minus a margin on each side. */
export function defaultBoxWidthPx(frame: { widthPx: number; marginPx: number }): number {
  return Math.min(TEXT_LAYER_LIMITS.maxBoxSidePx, Math.max(1, Math.round(frame.widthPx - 2 * frame.marginPx)));
}

interface Layout {
  metrics: TextMetrics;
  font: string;
  lang: string;
  lineHeightPx: number;
  insetPx: number;
  lineWidthsPx: number[];
  colors: { fill: Rgba; stroke?: Rgba; shadow?: Rgba; background?: Rgba };
  textAlign: 'left' | 'center' | 'right';
}

export async function measureTextLayer(
  spec: TextLayerSpec,
  registry: FontRegistry,
  options: TextRenderOptions = {},
): Promise<TextMetrics> {
  return layOut(spec, registry, options).metrics;
}

export async function renderTextLayer(
  spec: TextLayerSpec,
  registry: FontRegistry,
  options: TextRenderOptions = {},
): Promise<{ png: Buffer; metrics: TextMetrics }> {
  const layout = layOut(spec, registry, options);
  const { widthPx, heightPx } = layout.metrics;
  const canvas = createCanvas(widthPx, heightPx);
  const ctx = canvas.getContext('2d');
  if (layout.colors.background && spec.background && layout.metrics.lines.length > 0) {
    drawBackground(ctx, layout, spec.background);
  }
  // Outline and fill go to their own layer first, so the shadow is cast by the finished glyphs once,
  // instead of by the stroke and again by the fill on top of it.
  const glyphs = createCanvas(widthPx, heightPx);
  drawGlyphs(glyphs.getContext('2d'), layout, spec);
  if (layout.colors.shadow && spec.shadow) {
    ctx.shadowColor = toCssColor(layout.colors.shadow);
    ctx.shadowOffsetX = spec.shadow.offsetXPx;
    ctx.shadowOffsetY = spec.shadow.offsetYPx;
    ctx.shadowBlur = spec.shadow.blurPx;
  }
  ctx.drawImage(glyphs, 0, 0);
  return { png: await canvas.encode('png'), metrics: layout.metrics };
}

/**
 * The checks renderTextLayer would fail on, without laying anything out: limits, colours and the font
 * family. Lets an API refuse a bad layer (InvalidInputError naming the field) before queueing a job.
 */
export function validateTextLayerSpec(
  spec: TextLayerSpec,
  registry: FontRegistry,
  options: TextRenderOptions = {},
): void {
  checkLimits(spec);
  parseColors(spec);
  checkDrawable(spec.text, registry, { fontFamily: spec.fontFamily, tenantId: options.tenantId });
}

/**
 * Refuses text that would draw nothing (empty or only spaces) or that holds characters no bundled or
 * uploaded font covers, naming them, so a preview, a dry run and a submission all refuse the same text
 * that a worker would fail on. Throws InvalidInputError with `field` (default `text`) and `characters`.
 */
export function checkDrawable(
  text: string,
  registry: FontRegistry,
  options: { fontFamily?: string; tenantId?: string; field?: string } = {},
): void {
  const field = options.field ?? 'text';
  if (!/[^\s\u200b-\u200f\u2060\ufeff]/u.test(text)) {
    throw new InvalidInputError(`${field} is empty: give at least one character to draw`, { field });
  }
  const chain = registry.resolveFallbackChain(options.fontFamily, options.tenantId);
  const { missingGlyphs } = dropUncovered(text, chain);
  if (missingGlyphs.length > 0) {
    const listed = missingGlyphs.slice(0, 20).map(describeCharacter).join(', ');
    const more = missingGlyphs.length > 20 ? ` and ${missingGlyphs.length - 20} more` : '';
    throw new InvalidInputError(
      `${field} has characters no bundled or uploaded font can draw: ${listed}${more}. See GET /v1/library/fonts for the scripts covered, or upload a font that has them`,
      { field, characters: missingGlyphs },
    );
  }
}

function describeCharacter(char: string): string {
  return `"${char}" (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
}

function parseColors(spec: TextLayerSpec): Layout['colors'] {
  return {
    fill: parseColor(spec.color, 'color'),
    stroke: spec.stroke ? parseColor(spec.stroke.color, 'stroke.color') : undefined,
    shadow: spec.shadow ? parseColor(spec.shadow.color, 'shadow.color') : undefined,
    background: spec.background ? parseColor(spec.background.color, 'background.color') : undefined,
  };
}

function layOut(spec: TextLayerSpec, registry: FontRegistry, options: TextRenderOptions): Layout {
  checkLimits(spec);
  const colors = parseColors(spec);
  const chain = registry.resolveFallbackChain(spec.fontFamily, options.tenantId);
  const { drawable, missingGlyphs } = dropUncovered(spec.text, chain);
  const direction =
    spec.direction === undefined || spec.direction === 'auto' ? detectDirection(drawable) : spec.direction;
  const lang = /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(drawable) ? 'ja' : 'en';
  const insetPx = spec.background ? spec.background.paddingPx : (spec.stroke?.widthPx ?? 0);
  const availableWidthPx = spec.boxWidthPx - 2 * insetPx;
  if (availableWidthPx < 1) {
    throw new InvalidInputError('boxWidthPx leaves no room for text after padding/outline', { field: 'boxWidthPx' });
  }

  const ctx = createCanvas(1, 1).getContext('2d');
  const attempt = (fontSizePx: number) =>
    fit(ctx, { spec, chain, drawable, direction, lang, insetPx, availableWidthPx, fontSizePx });
  let chosen = attempt(spec.autoFit ? spec.autoFit.minFontSizePx : spec.fontSizePx);
  if (spec.autoFit && !chosen.overflow) {
    // Binary search on whole pixels: fit is monotonic in the size (a bigger font never needs fewer lines).
    let low = Math.ceil(spec.autoFit.minFontSizePx);
    let high = Math.floor(spec.autoFit.maxFontSizePx);
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      const candidate = attempt(middle);
      if (candidate.overflow) high = middle - 1;
      else {
        low = middle;
        chosen = candidate;
      }
    }
    if (chosen.fontSizePx !== low) chosen = attempt(low);
  }

  const textHeightPx = chosen.lines.length * chosen.lineHeightPx;
  const heightPx = spec.boxHeightPx ?? Math.max(1, Math.ceil(textHeightPx + 2 * insetPx));
  return {
    metrics: {
      widthPx: spec.boxWidthPx,
      heightPx,
      textWidthPx: round(Math.max(0, ...chosen.lineWidthsPx)),
      textHeightPx: round(textHeightPx),
      lines: chosen.lines,
      fontSizePx: chosen.fontSizePx,
      overflow: chosen.overflow,
      missingGlyphs,
      direction,
    },
    font: chosen.font,
    lang,
    lineHeightPx: chosen.lineHeightPx,
    insetPx,
    lineWidthsPx: chosen.lineWidthsPx,
    colors,
    textAlign: resolveAlign(spec.align ?? 'start', direction),
  };
}

interface FitInput {
  spec: TextLayerSpec;
  chain: FontChain;
  drawable: string;
  direction: TextDirection;
  lang: string;
  insetPx: number;
  availableWidthPx: number;
  fontSizePx: number;
}

interface Fit {
  fontSizePx: number;
  font: string;
  lines: string[];
  lineWidthsPx: number[];
  lineHeightPx: number;
  overflow: boolean;
}

function fit(ctx: SKRSContext2D, input: FitInput): Fit {
  const { spec, fontSizePx } = input;
  const font = `${spec.fontWeight ?? 'normal'} ${fontSizePx}px ${input.chain.toCssFamilyList()}`;
  applyTextStyle(ctx, font, input.lang, input.direction, spec.letterSpacingPx);
  const measure = (text: string) => ctx.measureText(text).width;
  const wrapped = wrapText(input.drawable, input.availableWidthPx, measure);
  const maxLines = spec.maxLines ?? TEXT_LAYER_LIMITS.maxLines;
  const lineHeightPx = fontSizePx * (spec.lineHeight ?? DEFAULT_LINE_HEIGHT);
  let lines = wrapped.lines;
  let overflow = wrapped.graphemeTooWide;
  if (lines.length > maxLines) {
    lines = lines.slice(0, maxLines);
    overflow = true;
  }
  if (spec.boxHeightPx !== undefined) {
    const fittingLines = Math.max(0, Math.floor((spec.boxHeightPx - 2 * input.insetPx + 0.001) / lineHeightPx));
    if (lines.length > fittingLines) {
      lines = lines.slice(0, fittingLines);
      overflow = true;
    }
  }
  return { fontSizePx, font, lines, lineWidthsPx: lines.map(measure), lineHeightPx, overflow };
}

function applyTextStyle(
  ctx: SKRSContext2D,
  font: string,
  lang: string,
  direction: TextDirection,
  letterSpacingPx = 0,
): void {
  ctx.font = font;
  // 'inherit' would follow the host's locale, so the same request could shape differently per machine.
  ctx.lang = lang;
  ctx.direction = direction;
  ctx.letterSpacing = `${letterSpacingPx}px`;
  ctx.textBaseline = 'middle';
}

function drawBackground(
  ctx: SKRSContext2D,
  layout: Layout,
  background: NonNullable<TextLayerSpec['background']>,
): void {
  const { widthPx, heightPx, textWidthPx, textHeightPx } = layout.metrics;
  const boxWidthPx = Math.min(widthPx, textWidthPx + 2 * background.paddingPx);
  const leftPx =
    layout.textAlign === 'left' ? 0 : layout.textAlign === 'right' ? widthPx - boxWidthPx : (widthPx - boxWidthPx) / 2;
  const boxHeightPx = Math.min(heightPx, textHeightPx + 2 * background.paddingPx);
  ctx.fillStyle = toCssColor(layout.colors.background!);
  ctx.beginPath();
  ctx.roundRect(leftPx, 0, boxWidthPx, boxHeightPx, Math.min(background.radiusPx, boxWidthPx / 2, boxHeightPx / 2));
  ctx.fill();
}

function drawGlyphs(ctx: SKRSContext2D, layout: Layout, spec: TextLayerSpec): void {
  applyTextStyle(ctx, layout.font, layout.lang, layout.metrics.direction, spec.letterSpacingPx);
  ctx.textAlign = layout.textAlign;
  const { widthPx } = layout.metrics;
  const xPx =
    layout.textAlign === 'left'
      ? layout.insetPx
      : layout.textAlign === 'right'
        ? widthPx - layout.insetPx
        : widthPx / 2;
  layout.metrics.lines.forEach((line, index) => {
    const yPx = layout.insetPx + (index + 0.5) * layout.lineHeightPx;
    if (layout.colors.stroke && spec.stroke && spec.stroke.widthPx > 0) {
      // Canvas strokes are centred on the outline and the fill covers the inner half, hence twice the width.
      ctx.lineWidth = spec.stroke.widthPx * 2;
      ctx.lineJoin = 'round';
      ctx.strokeStyle = toCssColor(layout.colors.stroke);
      ctx.strokeText(line, xPx, yPx);
    }
    ctx.fillStyle = toCssColor(layout.colors.fill);
    ctx.fillText(line, xPx, yPx);
  });
}

function resolveAlign(align: TextAlign, direction: TextDirection): 'left' | 'center' | 'right' {
  if (align === 'start') return direction === 'rtl' ? 'right' : 'left';
  if (align === 'end') return direction === 'rtl' ? 'left' : 'right';
  return align;
}

/** Removes characters no font in the chain covers, so they are reported instead of drawn as tofu or by a system font. */
function dropUncovered(text: string, chain: FontChain): { drawable: string; missingGlyphs: string[] } {
  const missing = new Set<string>();
  let drawable = '';
  for (const char of text) {
    if (chain.covers(char.codePointAt(0)!)) drawable += char;
    else missing.add(char);
  }
  return { drawable, missingGlyphs: [...missing] };
}

function checkLimits(spec: TextLayerSpec): void {
  const { maxTextLength, minFontSizePx, maxFontSizePx, maxBoxSidePx } = TEXT_LAYER_LIMITS;
  if (typeof spec.text !== 'string' || spec.text.length > maxTextLength) {
    throw new InvalidInputError(`text must be a string of at most ${maxTextLength} characters`, { field: 'text' });
  }
  const sizes: [string, number | undefined, number, number][] = [
    ['fontSizePx', spec.fontSizePx, minFontSizePx, maxFontSizePx],
    ['autoFit.minFontSizePx', spec.autoFit?.minFontSizePx, minFontSizePx, maxFontSizePx],
    ['autoFit.maxFontSizePx', spec.autoFit?.maxFontSizePx, minFontSizePx, maxFontSizePx],
    ['boxWidthPx', spec.boxWidthPx, 1, maxBoxSidePx],
    ['boxHeightPx', spec.boxHeightPx, 1, maxBoxSidePx],
  ];
  for (const [field, value, min, max] of sizes) {
    if (value === undefined && field !== 'fontSizePx' && field !== 'boxWidthPx') continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw new InvalidInputError(`${field} must be a number from ${min} to ${max}`, { field });
    }
  }
  if (!Number.isInteger(spec.boxWidthPx) || (spec.boxHeightPx !== undefined && !Number.isInteger(spec.boxHeightPx))) {
    throw new InvalidInputError('boxWidthPx and boxHeightPx must be whole pixels', { field: 'boxWidthPx' });
  }
  if (spec.autoFit && spec.autoFit.minFontSizePx > spec.autoFit.maxFontSizePx) {
    throw new InvalidInputError('autoFit.minFontSizePx must not exceed autoFit.maxFontSizePx', {
      field: 'autoFit.minFontSizePx',
    });
  }
}

function round(valuePx: number): number {
  return Math.round(valuePx * 100) / 100;
}
