import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AssetKind, AssetOrigin } from '@reelforge/contracts';
import { IsEnum, IsOptional } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../http/pagination.dto.js';

export class AssetLinksDto {
  @ApiProperty({ example: '/v1/assets/6f1c…' })
  self!: string;

  @ApiProperty({ example: '/v1/assets/6f1c…/content' })
  content!: string;

  @ApiProperty({ example: '/v1/assets/6f1c…/variants' })
  variants!: string;
}

export class AssetDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: AssetKind, enumName: 'AssetKind', description: 'Decided from the probe, not the file name.' })
  kind!: AssetKind;

  @ApiProperty({ enum: AssetOrigin, enumName: 'AssetOrigin', description: 'How the asset arrived.' })
  origin!: AssetOrigin;

  @ApiProperty({ example: 'holiday.mp4', description: 'The uploaded file name, for display only.' })
  originalName!: string;

  @ApiProperty({ example: 'video/mp4', description: 'Decided from the probed container, not from the upload.' })
  mime!: string;

  @ApiProperty({ example: 1048576, description: 'Size in bytes.' })
  sizeBytes!: number;

  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', description: 'Hex SHA-256 of the bytes.' })
  sha256!: string;

  @ApiProperty({ nullable: true, type: Number, example: 12.48, description: 'Seconds; null for still images.' })
  durationSec!: number | null;

  @ApiProperty({ nullable: true, type: Number, example: 1920, description: 'Pixels, as stored (before rotation).' })
  width!: number | null;

  @ApiProperty({ nullable: true, type: Number, example: 1080, description: 'Pixels, as stored (before rotation).' })
  height!: number | null;

  @ApiProperty({ nullable: true, type: Number, example: 29.97, description: 'Frames per second.' })
  fps!: number | null;

  @ApiProperty({ nullable: true, type: String, example: 'h264' })
  videoCodec!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'aac' })
  audioCodec!: string | null;

  @ApiProperty({ description: 'Has a moving-picture stream (cover art and stills do not count).' })
  hasVideo!: boolean;

  @ApiProperty({ description: 'Has at least one audio stream.' })
  hasAudio!: boolean;

  @ApiProperty({ example: 90, description: 'Clockwise degrees a player rotates the picture: 0, 90, 180 or 270.' })
  rotation!: number;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Acme Display',
    description: 'Font assets: the family name to use as `fontFamily` in text layers (yours only).',
  })
  fontFamily!: string | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ type: AssetLinksDto })
  links!: AssetLinksDto;
}

export class ListAssetsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AssetKind, enumName: 'AssetKind', description: 'Only assets of this kind.' })
  @IsOptional()
  @IsEnum(AssetKind)
  kind?: AssetKind;
}

export class AssetPageDto extends PageMetaDto {
  @ApiProperty({ type: [AssetDto], description: 'Newest first.' })
  items!: AssetDto[];
}
