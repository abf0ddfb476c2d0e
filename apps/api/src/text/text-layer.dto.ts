import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type TextLayerSpec } from '@reelforge/text';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
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
 * One static text layer, drawn with the bundled fonts to a transparent PNG. Shared by the preview
 * endpoint and, later, text overlays; map it with `toTextLayerSpec`.
 */
export class TextLayerDto {
  @ApiProperty({
    maxLength: 2000,
    example: 'Luxury Beauty Secrets ✨',
    description: 'The text. `\\n` starts a new line; longer lines wrap at the box width. At most 2,000 characters.',
  })
  @IsString()
  @MaxLength(2000)
  text!: string;

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
    description: 'Font size in pixels (the em size). Required unless autoFit is given, which replaces it.',
  })
  @ValidateIf((dto: TextLayerDto) => dto.autoFit === undefined || dto.fontSizePx !== undefined)
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

  @ApiProperty({ example: '#ffffff', description: `Text colour: ${COLOR_DESCRIPTION}` })
  @IsString()
  @MaxLength(64)
  color!: string;

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

  @ApiProperty({
    minimum: 1,
    maximum: 4096,
    example: 1080,
    description: 'Width of the PNG and the wrapping width, in pixels.',
  })
  @IsInt()
  @Min(1)
  @Max(4096)
  boxWidthPx!: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 4096,
    example: 400,
    description:
      'Height of the PNG in pixels; lines that do not fit are dropped and overflow is reported. Omitted: as tall as the text.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4096)
  boxHeightPx?: number;

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

/** Field by field, so a DTO field added later does not leak into the renderer unnoticed (STYLE §6.3). */
export function toTextLayerSpec(dto: TextLayerDto): TextLayerSpec {
  return {
    text: dto.text,
    fontFamily: dto.fontFamily,
    fontWeight: dto.fontWeight,
    // With autoFit the size is searched; the field is still required by the spec type.
    fontSizePx: dto.fontSizePx ?? dto.autoFit?.maxFontSizePx ?? 0,
    autoFit: dto.autoFit && { minFontSizePx: dto.autoFit.minFontSizePx, maxFontSizePx: dto.autoFit.maxFontSizePx },
    color: dto.color,
    lineHeight: dto.lineHeight,
    letterSpacingPx: dto.letterSpacingPx,
    align: dto.align,
    direction: dto.direction,
    boxWidthPx: dto.boxWidthPx,
    boxHeightPx: dto.boxHeightPx,
    maxLines: dto.maxLines,
    stroke: dto.stroke && { color: dto.stroke.color, widthPx: dto.stroke.widthPx },
    shadow: dto.shadow && {
      color: dto.shadow.color,
      offsetXPx: dto.shadow.offsetXPx,
      offsetYPx: dto.shadow.offsetYPx,
      blurPx: dto.shadow.blurPx,
    },
    background: dto.background && {
      color: dto.background.color,
      paddingPx: dto.background.paddingPx,
      radiusPx: dto.background.radiusPx,
    },
  };
}
