export { parseColor, type Rgba, toCssColor } from './color.js';
export {
  DEFAULT_FONT_FAMILY,
  FontChain,
  type FontFamilyInfo,
  FontRegistry,
  type FontStyleName,
} from './font-registry.js';
export { breakOpportunities, detectDirection, graphemes, type MeasureWidthPx, wrapText } from './line-breaking.js';
export {
  checkDrawable,
  DEFAULT_TEXT_COLOR,
  defaultBoxWidthPx,
  defaultFontSizePx,
  measureTextLayer,
  renderTextLayer,
  TEXT_LAYER_LIMITS,
  type TextAlign,
  type TextDirection,
  type TextLayerSpec,
  type TextMetrics,
  type TextRenderOptions,
  validateTextLayerSpec,
} from './text-layer.js';
export {
  FONT_VALIDATION_TIMEOUT_MS,
  MAX_FONT_FILE_BYTES,
  type ValidatedFont,
  validateFontFile,
} from './validate-font.js';
export {
  type CaptionCue,
  type CaptionFormat,
  MAX_CAPTION_CUE_CHARS,
  MAX_CAPTION_CUES,
  MAX_CAPTION_FILE_BYTES,
  parseCaptions,
  sniffCaptionFormat,
} from './captions.js';
