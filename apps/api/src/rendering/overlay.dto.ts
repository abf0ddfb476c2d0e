import { ApiProperty, ApiPropertyOptional, getSchemaPath, IntersectionType } from '@nestjs/swagger';
import { ANCHORS, type Anchor } from '@reelforge/filtergraph';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateNested,
} from 'class-validator';
import { IsLayerText, TextLayerDto, TextStyleDto, toLayerText } from '../text/text-layer.dto.js';
import { JobOptionsDto } from './job-options.dto.js';
import { IsDecimal } from '../http/decimal-places.validator.js';

export const LAYER_TYPES = ['text', 'image', 'video'] as const;
export type LayerType = (typeof LAYER_TYPES)[number];

export class MediaSourceDto {
  @ApiPropertyOptional({
    example: 'overlays/sparkles.png',
    description: 'A bundled item, as listed by GET /v1/library/overlays or /frames. Give `library` or `assetId`.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]+\/[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/, { message: 'library must look like overlays/<file>' })
  library?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One of your assets. Give `library` or `assetId`.' })
  @IsOptional()
  @IsUUID()
  assetId?: string;
}

export class PositionDto {
  @ApiPropertyOptional({
    enum: ANCHORS,
    example: 'bottom-right',
    description: 'Place against an edge or corner, `marginPx` in from it. Ignored for an axis given as x or y.',
  })
  @IsOptional()
  @IsIn(ANCHORS)
  anchor?: Anchor;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 2000,
    default: 24,
    description: 'Inset from the anchored edges, in output pixels.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2000)
  marginPx?: number;

  @ApiPropertyOptional({
    example: 'W-w-20',
    maxLength: 200,
    description:
      'Left edge as an expression: numbers, + - * / ( ), min(a,b), max(a,b), and W H (video size), w h (layer size), t (seconds), main_w main_h overlay_w overlay_h.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  x?: string;

  @ApiPropertyOptional({
    example: '(H-h)/2',
    maxLength: 200,
    description: 'Top edge as an expression; same grammar as x.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  y?: string;
}

const TEXT_FIELD_DESCRIPTION =
  'For `text` layers: the text, with its look in `style`. Deprecated but still accepted: an object `{text, fontSizePx, color, boxWidthPx, ...}` (the job gets a deprecation warning).';

/** Placement, timing and look shared by every layer; placement as in compositions (`anchor`, `marginPx`, `xPx`, `yPx`). */
export class LayerLookDto {
  @ApiPropertyOptional({
    enum: ANCHORS,
    example: 'bottom-right',
    description: 'Place against an edge or corner, `marginPx` in from it. Default: centred (watermark: bottom-right).',
  })
  @IsOptional()
  @IsIn(ANCHORS)
  anchor?: Anchor;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 2000,
    description: 'Inset from the anchored edges, in output pixels. Default 0 when centred, else 24.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2000)
  marginPx?: number;

  @ApiPropertyOptional({
    minimum: -10000,
    maximum: 10000,
    description: 'Left edge in output pixels; instead of anchor.',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-10000)
  @Max(10000)
  xPx?: number;

  @ApiPropertyOptional({
    minimum: -10000,
    maximum: 10000,
    description: 'Top edge in output pixels; instead of anchor.',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-10000)
  @Max(10000)
  yPx?: number;

  @ApiPropertyOptional({
    example: 'W-w-20',
    maxLength: 200,
    description:
      'Left edge as an expression, instead of xPx: numbers, + - * / ( ), min(a,b), max(a,b), and W H (video size), w h (layer size), t (seconds), main_w main_h overlay_w overlay_h. Must be finite for the video and layer size.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  x?: string;

  @ApiPropertyOptional({ example: '(H-h)/2', maxLength: 200, description: 'Top edge as an expression; as x.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  y?: string;

  @ApiPropertyOptional({
    type: PositionDto,
    deprecated: true,
    description: 'Deprecated: give anchor, marginPx, xPx/yPx or x/y on the layer itself.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PositionDto)
  position?: PositionDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 1, description: 'Multiplied into the layer’s own alpha.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  opacity?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'When the layer appears, in seconds of the video.' })
  @IsOptional()
  @IsDecimal(3)
  @Min(0)
  startSec?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'When it disappears, in seconds; default the end of the video.' })
  @IsOptional()
  @IsDecimal(3)
  @Min(0)
  endSec?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 60,
    default: 0,
    description: 'Fade-in length in seconds, from startSec.',
  })
  @IsOptional()
  @IsDecimal(3)
  @Min(0)
  @Max(60)
  fadeInSec?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 60,
    default: 0,
    description: 'Fade-out length in seconds, ending at endSec.',
  })
  @IsOptional()
  @IsDecimal(3)
  @Min(0)
  @Max(60)
  fadeOutSec?: number;
}

export class OverlayLayerDto extends LayerLookDto {
  @ApiProperty({ enum: LAYER_TYPES, example: 'image', description: 'What the layer shows.' })
  @IsIn(LAYER_TYPES)
  type!: LayerType;

  @ApiPropertyOptional({
    oneOf: [{ type: 'string', minLength: 1, maxLength: 2000 }, { $ref: getSchemaPath(TextLayerDto) }],
    example: 'Summer sale',
    description: TEXT_FIELD_DESCRIPTION,
  })
  @IsOptional()
  @Transform(toLayerText)
  @Validate(IsLayerText)
  text?: string | TextLayerDto;

  @ApiPropertyOptional({ type: TextStyleDto, description: 'For `text` layers: font, size, colour, outline...' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TextStyleDto)
  style?: TextStyleDto;

  @ApiPropertyOptional({ type: MediaSourceDto, description: 'For `image` and `video` layers.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MediaSourceDto)
  source?: MediaSourceDto;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 8192,
    description: 'Width in output pixels; alone, the height keeps the aspect ratio.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8192)
  widthPx?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 8192,
    description: 'Height in output pixels; alone, the width keeps the aspect ratio.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8192)
  heightPx?: number;

  @ApiPropertyOptional({
    minimum: 0.01,
    maximum: 1,
    example: 0.25,
    description: 'Width as a fraction of the video width (image and video layers); instead of widthPx/heightPx.',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1)
  scale?: number;

  @ApiPropertyOptional({
    default: true,
    description: 'Video layers: start over when they end; false: disappear at their end.',
  })
  @IsOptional()
  @IsBoolean()
  loop?: boolean;
}

export class WatermarkSpecDto extends LayerLookDto {
  @ApiPropertyOptional({ type: MediaSourceDto, description: 'A PNG with transparency. Give `image` or `text`.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MediaSourceDto)
  image?: MediaSourceDto;

  @ApiPropertyOptional({
    oneOf: [{ type: 'string', minLength: 1, maxLength: 2000 }, { $ref: getSchemaPath(TextLayerDto) }],
    example: '© Reelforge',
    description: `A text watermark. Give \`image\` or \`text\`. ${TEXT_FIELD_DESCRIPTION}`,
  })
  @IsOptional()
  @Transform(toLayerText)
  @Validate(IsLayerText)
  text?: string | TextLayerDto;

  @ApiPropertyOptional({ type: TextStyleDto, description: 'For a text watermark: font, size, colour, outline...' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TextStyleDto)
  style?: TextStyleDto;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 4096,
    description: 'Text watermark box width in pixels. Default: the video width minus the margins.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4096)
  widthPx?: number;

  @ApiPropertyOptional({
    minimum: 0.01,
    maximum: 1,
    default: 0.15,
    description: 'Image watermark width as a fraction of the video width.',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1)
  scale?: number;
}

export class CreateOverlaysDto extends JobOptionsDto {
  @ApiProperty({ format: 'uuid', description: 'The video to draw on.' })
  @IsUUID()
  assetId!: string;

  @ApiProperty({ type: [OverlayLayerDto], description: 'Bottom first; later layers are drawn on top. 1-16 layers.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(16)
  @ValidateNested({ each: true })
  @Type(() => OverlayLayerDto)
  layers!: OverlayLayerDto[];

  @ApiPropertyOptional({ type: WatermarkSpecDto, description: 'Drawn above every layer.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WatermarkSpecDto)
  watermark?: WatermarkSpecDto;
}

/** Extends the spec and, through IntersectionType (one base class only), JobOptionsDto with its rules and defaults. */
export class CreateWatermarkDto extends IntersectionType(WatermarkSpecDto, JobOptionsDto) {
  @ApiProperty({ format: 'uuid', description: 'The video to watermark.' })
  @IsUUID()
  assetId!: string;
}
