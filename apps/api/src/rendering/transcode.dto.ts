import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Quality, TranscodeFormat } from '@reelforge/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
} from 'class-validator';
import { JobOptionsDto } from './job-options.dto.js';
import { IsDecimal } from '../http/decimal-places.validator.js';

export class CreateTranscodeDto extends JobOptionsDto {
  @ApiProperty({ format: 'uuid', description: 'A video asset of the calling tenant.' })
  @IsUUID()
  assetId!: string;

  @ApiProperty({
    enum: Quality,
    enumName: 'Quality',
    isArray: true,
    example: ['1080p', '720p', '480p'],
    description:
      'Rungs by the short side of the picture. A rung above the source is skipped (never upscaled) and listed in `skipped`. Default CRF: 1080p 20, 720p 22, 480p 24.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsEnum(Quality, { each: true })
  qualities!: Quality[];

  @ApiPropertyOptional({
    enum: TranscodeFormat,
    enumName: 'TranscodeFormat',
    default: TranscodeFormat.Mp4,
    description:
      '`mp4`: one file per rung. `hls`: a master playlist plus a playlist and segments per rung, keyframes aligned.',
  })
  @IsOptional()
  @IsEnum(TranscodeFormat)
  format: TranscodeFormat = TranscodeFormat.Mp4;
}

export class CreateThumbnailsDto extends JobOptionsDto {
  @ApiProperty({ format: 'uuid', description: 'A video asset of the calling tenant.' })
  @IsUUID()
  assetId!: string;

  @ApiPropertyOptional({
    type: [Number],
    example: [1.5, 10],
    description: 'Instants in seconds from the start, each before the end of the video. Give `times` or `count`.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsDecimal(3, { each: true })
  @Min(0, { each: true })
  times?: number[];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 50,
    example: 4,
    description: 'This many stills spread evenly over the video. Give `times` or `count`.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  count?: number;

  @ApiPropertyOptional({
    minimum: 16,
    maximum: 3840,
    example: 320,
    description:
      'Width of each still in pixels; the height keeps the aspect ratio. Default: the source width, at most 1280.',
  })
  @IsOptional()
  @IsInt()
  @Min(16)
  @Max(3840)
  widthPx?: number;
}
