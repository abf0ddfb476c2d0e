import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InvalidInputError } from '@reelforge/contracts';
import {
  DEFAULT_TEXT_COLOR,
  defaultBoxWidthPx,
  defaultFontSizePx,
  TEXT_LAYER_LIMITS,
  type TextLayerSpec,
} from '@reelforge/text';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  MinLength,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidationError,
  type ValidatorConstraintInterface,
  validateSync,
} from 'class-validator';

const COLOR_DESCRIPTION = '#rgb, #rrggbb, #rrggbbaa, rgb(r, g, b) or rgba(r, g, b, a) with channels 0-255, alpha 0-1.';
const FONT_WEIGHTS = ['normal', 'bold'] as const;

@ValidatorConstraint({ name: 'isFontWeight' })
class IsFontWeight implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value === 'string') return (FONT_WEIGHTS as readonly string[]).includes(value);
    return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 900;
  }

  defaultMessage(): string {
    return "fontWeight must be 'normal', 'bold' or an integer from 100 to 900";
  }
}

export class TextAutoFitDto {
  @ApiProperty({ minimum: 4, maximum: 512, example: 24, description: 'Smallest font size to try, in pixels.' })
  @IsNumber()
  @Min(4)
  @Max(512)
  minFontSizePx!: number;

  @ApiProperty({ minimum: 4, maximum: 512, example: 120, description: 'Largest font size to try, in pixels.' })
  @IsNumber()
  @Min(4)
  @Max(512)
  maxFontSizePx!: number;
}

export class TextStrokeDto {
  @ApiProperty({ example: '#000000', description: `Outline colour: ${COLOR_DESCRIPTION}` })
  @IsString()
  @MaxLength(64)
  color!: string;

  @ApiProperty({
    minimum: 0,
    maximum: 64,
    example: 4,
    description: 'Outline thickness outside the glyph edge, in pixels.',
  })
  @IsNumber()
  @Min(0)
  @Max(64)
  widthPx!: number;
}

export class TextShadowDto {
  @ApiProperty({ example: 'rgba(0, 0, 0, 0.6)', description: `Shadow colour: ${COLOR_DESCRIPTION}` })
  @IsString()
  @MaxLength(64)
  color!: string;

  @ApiProperty({
    minimum: -256,
    maximum: 256,
    example: 4,
    description: 'Horizontal shadow offset in pixels; positive is right.',
  })
  @IsNumber()
  @Min(-256)
  @Max(256)
  offsetXPx!: number;

  @ApiProperty({
    minimum: -256,
    maximum: 256,
    example: 4,
    description: 'Vertical shadow offset in pixels; positive is down.',
  })
  @IsNumber()
  @Min(-256)
  @Max(256)
  offsetYPx!: number;

  @ApiProperty({ minimum: 0, maximum: 128, example: 6, description: 'Blur radius in pixels; 0 is a hard shadow.' })
  @IsNumber()
  @Min(0)
  @Max(128)
  blurPx!: number;
}

export class TextBackgroundDto {
  @ApiProperty({ example: '#000000b3', description: `Box colour: ${COLOR_DESCRIPTION}` })
  @IsString()
  @MaxLength(64)
  color!: string;

  @ApiProperty({
    minimum: 0,
    maximum: 256,
    example: 16,
    description: 'Space between the text and the box edge, in pixels.',
  })
  @IsNumber()
  @Min(0)
  @Max(256)
  paddingPx!: number;

  @ApiProperty({
    minimum: 0,
    maximum: 256,
    example: 12,
    description: 'Corner radius in pixels; capped at half the box side.',
  })
  @IsNumber()
  @Min(0)
  @Max(256)
  radiusPx!: number;
}

/**
 * How a text layer looks: the `style` object of every text layer in the API (overlays, watermark,
 * preview, compositions). Everything is optional; see docs/input-rules.md for the defaults.
 */
export class TextStyleDto {
  @ApiPropertyOptional({
    example: 'Noto Sans',
    default: 'Noto Sans',
    description:
      'A family from GET /v1/library/fonts, or one of your uploaded fonts. Characters it lacks fall back per glyph to Noto Sans, Devanagari, Arabic, CJK, then Noto Color Emoji.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  fontFamily?: string;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'string', enum: [...FONT_WEIGHTS] },
      { type: 'integer', minimum: 100, maximum: 900 },
    ],
    example: 'bold',
    default: 'normal',
    description: "'normal', 'bold' or a CSS weight 100-900. Families without a bold face are emboldened synthetically.",
  })
  @IsOptional()
  @Validate(IsFontWeight)
  fontWeight?: 'normal' | 'bold' | number;

  @ApiPropertyOptional({
    minimum: 4,
    maximum: 512,
    example: 64,
    description:
      'Font size in pixels (the em size). Default: scales with the frame, 1/30 of its height (64 px on a 1920 px tall frame, 36 on 1080), at least 12. autoFit replaces it.',
  })
  @IsOptional()
  @IsNumber()
  @Min(4)
  @Max(512)
  fontSizePx?: number;

  @ApiPropertyOptional({
    type: TextAutoFitDto,
    description:
      'Pick the largest whole pixel size in [min, max] at which the text fits the box (width, boxHeightPx, maxLines).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TextAutoFitDto)
  autoFit?: TextAutoFitDto;

  @ApiPropertyOptional({ example: '#ffffff', default: '#ffffff', description: `Text colour: ${COLOR_DESCRIPTION}` })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  color?: string;

  @ApiPropertyOptional({
    minimum: 0.5,
    maximum: 4,
    default: 1.2,
    description: 'Line box height as a multiple of the font size.',
  })
  @IsOptional()
  @IsNumber()
  @Min(0.5)
  @Max(4)
  lineHeight?: number;

  @ApiPropertyOptional({
    minimum: -50,
    maximum: 200,
    default: 0,
    description: 'Extra space after each character, in pixels.',
  })
  @IsOptional()
  @IsNumber()
  @Min(-50)
  @Max(200)
  letterSpacingPx?: number;

  @ApiPropertyOptional({
    enum: ['left', 'center', 'right', 'start', 'end'],
    enumName: 'TextAlign',
    default: 'start',
    description:
      "Horizontal alignment in the box. 'start' is left for left-to-right text and right for right-to-left text.",
  })
  @IsOptional()
  @IsIn(['left', 'center', 'right', 'start', 'end'])
  align?: 'left' | 'center' | 'right' | 'start' | 'end';

  @ApiPropertyOptional({
    enum: ['auto', 'ltr', 'rtl'],
    enumName: 'TextDirection',
    default: 'auto',
    description: "'auto' is right-to-left when the first strong character is Arabic, Hebrew, Syriac, Thaana or N'Ko.",
  })
  @IsOptional()
  @IsIn(['auto', 'ltr', 'rtl'])
  direction?: 'auto' | 'ltr' | 'rtl';

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 200,
    example: 3,
    description: 'Keep at most this many lines; more is overflow.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  maxLines?: number;

  @ApiPropertyOptional({ type: TextStrokeDto, description: 'An outline drawn under the fill.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TextStrokeDto)
  stroke?: TextStrokeDto;

  @ApiPropertyOptional({ type: TextShadowDto, description: 'A drop shadow cast by the outlined text.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TextShadowDto)
  shadow?: TextShadowDto;

  @ApiPropertyOptional({
    type: TextBackgroundDto,
    description: 'A rounded box hugging the text block, under everything else.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TextBackgroundDto)
  background?: TextBackgroundDto;
}

/**
 * The deprecated overlay text shape (`text: {text, fontSizePx, color, boxWidthPx, ...}`), still accepted
 * on overlays, watermarks and the preview with a deprecation warning. The style fields are TextStyleDto's.
 */
export class TextLayerDto extends TextStyleDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 2000,
    example: 'Luxury Beauty Secrets ✨',
    description:
      'The text. `\\n` starts a new line; longer lines wrap at the box width. 1-2,000 characters, at least one of them visible.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text!: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 4096,
    example: 1080,
    deprecated: true,
    description: 'Deprecated: give `widthPx` on the layer. Width of the PNG and the wrapping width, in pixels.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4096)
  boxWidthPx?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 4096,
    example: 400,
    deprecated: true,
    description: 'Deprecated: give `heightPx` on the layer. Height of the PNG; lines that do not fit are dropped.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4096)
  boxHeightPx?: number;
}

/** A text layer in the one shape the API speaks everywhere: the text, its style and its box. */
export interface TextLayerInput {
  text: string;
  style?: TextStyleDto;
  /** The box: wrapping width and PNG width. Default: the frame width minus the margins. */
  widthPx?: number;
  /** Omitted: as tall as the text. */
  heightPx?: number;
  /** Came in the deprecated flat shape: errors name its fields (`color`, `boxWidthPx`) as the caller wrote them. */
  legacy?: boolean;
}

/** What the defaults scale with: the frame the text is drawn on and the margin it keeps from the edges. */
export interface TextFrame {
  widthPx: number;
  heightPx: number;
  marginPx: number;
}

/** The deprecated flat shape, moved into the one shape: its box fields become the layer's size. */
export function fromLegacyText(dto: TextLayerDto): TextLayerInput {
  const style: TextStyleDto = {
    fontFamily: dto.fontFamily,
    fontWeight: dto.fontWeight,
    fontSizePx: dto.fontSizePx,
    autoFit: dto.autoFit,
    color: dto.color,
    lineHeight: dto.lineHeight,
    letterSpacingPx: dto.letterSpacingPx,
    align: dto.align,
    direction: dto.direction,
    maxLines: dto.maxLines,
    stroke: dto.stroke,
    shadow: dto.shadow,
    background: dto.background,
  };
  return { text: dto.text, style, widthPx: dto.boxWidthPx, heightPx: dto.boxHeightPx };
}

/**
 * Field by field, so a DTO field added later does not leak into the renderer unnoticed (STYLE §6.3).
 * Fills the defaults: white, a size that scales with the frame height, a box as wide as the frame
 * minus its margins.
 */
export function toTextLayerSpec(input: TextLayerInput, frame: TextFrame): TextLayerSpec {
  const style = input.style ?? {};
  return {
    text: input.text,
    fontFamily: style.fontFamily,
    fontWeight: style.fontWeight,
    // With autoFit the size is searched; the field is still required by the spec type.
    fontSizePx: style.fontSizePx ?? style.autoFit?.maxFontSizePx ?? defaultFontSizePx(frame.heightPx),
    autoFit: style.autoFit && {
      minFontSizePx: style.autoFit.minFontSizePx,
      maxFontSizePx: style.autoFit.maxFontSizePx,
    },
    color: style.color ?? DEFAULT_TEXT_COLOR,
    lineHeight: style.lineHeight,
    letterSpacingPx: style.letterSpacingPx,
    align: style.align,
    direction: style.direction,
    boxWidthPx: input.widthPx ?? defaultBoxWidthPx(frame),
    boxHeightPx: input.heightPx,
    maxLines: style.maxLines,
    stroke: style.stroke && { color: style.stroke.color, widthPx: style.stroke.widthPx },
    shadow: style.shadow && {
      color: style.shadow.color,
      offsetXPx: style.shadow.offsetXPx,
      offsetYPx: style.shadow.offsetYPx,
      blurPx: style.shadow.blurPx,
    },
    background: style.background && {
      color: style.background.color,
      paddingPx: style.background.paddingPx,
      radiusPx: style.background.radiusPx,
    },
  };
}

/**
 * `text` on a layer: the string (the one shape, with `style` beside it) or, deprecated, the old object
 * `{text, fontSizePx, color, boxWidthPx, ...}`. class-transformer turns an object into a TextLayerDto;
 * this checks either form and names the nested field that is wrong.
 */
@ValidatorConstraint({ name: 'isLayerText' })
export class IsLayerText implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return layerTextProblems(value).length === 0;
  }

  defaultMessage(args?: ValidationArguments): string {
    return layerTextProblems(args?.value).join('; ');
  }
}

function layerTextProblems(value: unknown): string[] {
  if (typeof value === 'string') {
    if (value.length < 1 || value.length > TEXT_LAYER_LIMITS.maxTextLength) {
      return [`text must be 1-${TEXT_LAYER_LIMITS.maxTextLength} characters long`];
    }
    return [];
  }
  if (!(value instanceof TextLayerDto)) return ['text must be a string'];
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true });
  const flatten = (list: ValidationError[], parent: string): string[] =>
    list.flatMap((error) => {
      const field = `${parent}.${error.property}`;
      const own = Object.values(error.constraints ?? {}).map((problem) => `${field}: ${problem}`);
      return [...own, ...flatten(error.children ?? [], field)];
    });
  return flatten(errors, 'text');
}

/** The legacy object becomes a TextLayerDto (so its nested fields are typed); a string stays a string. */
export const toLayerText = ({ value }: { value: unknown }): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? plainToInstance(TextLayerDto, value) : value;

/**
 * `POST /v1/text/preview`: a text layer in the one shape (`text`, `style`, `widthPx`, `heightPx`) and the
 * frame it will be drawn on, which the defaults scale with. The deprecated flat shape (style fields and
 * boxWidthPx beside `text`) is still accepted and answered with a `Deprecation` header.
 */
export class TextPreviewDto extends TextLayerDto {
  @ApiPropertyOptional({ type: TextStyleDto, description: 'Font, size, colour, outline...' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TextStyleDto)
  style?: TextStyleDto;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 4096,
    description: 'Box width (wrapping width and PNG width) in pixels. Default: frameWidthPx.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4096)
  widthPx?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 4096,
    description: 'Box height in pixels; lines that do not fit are dropped. Default: as tall as the text.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4096)
  heightPx?: number;

  @ApiPropertyOptional({ minimum: 16, maximum: 8192, default: 1080, description: 'Width of the target frame.' })
  @IsOptional()
  @IsInt()
  @Min(16)
  @Max(8192)
  frameWidthPx?: number;

  @ApiPropertyOptional({
    minimum: 16,
    maximum: 8192,
    default: 1920,
    description: 'Height of the target frame; the default font size is 1/30 of it.',
  })
  @IsOptional()
  @IsInt()
  @Min(16)
  @Max(8192)
  frameHeightPx?: number;
}

const LEGACY_PREVIEW_FIELDS = [
  'fontFamily',
  'fontWeight',
  'fontSizePx',
  'autoFit',
  'color',
  'lineHeight',
  'letterSpacingPx',
  'align',
  'direction',
  'maxLines',
  'stroke',
  'shadow',
  'background',
  'boxWidthPx',
  'boxHeightPx',
] as const;

/** The preview body in the one shape, and whether it came in the deprecated flat one. */
export function previewInput(dto: TextPreviewDto): { input: TextLayerInput; frame: TextFrame; deprecated: boolean } {
  const frame = { widthPx: dto.frameWidthPx ?? 1080, heightPx: dto.frameHeightPx ?? 1920, marginPx: 0 };
  const deprecated = LEGACY_PREVIEW_FIELDS.some((name) => dto[name] !== undefined);
  if (!deprecated) {
    return {
      input: { text: dto.text, style: dto.style, widthPx: dto.widthPx, heightPx: dto.heightPx },
      frame,
      deprecated,
    };
  }
  if (dto.style !== undefined || dto.widthPx !== undefined || dto.heightPx !== undefined) {
    throw new InvalidInputError('give the style in `style` or in the deprecated flat fields, not both', {
      field: 'style',
    });
  }
  return { input: { ...fromLegacyText(dto), legacy: true }, frame, deprecated };
}
