import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TrimMode } from '@reelforge/contracts';
import { IsEnum, IsOptional } from 'class-validator';
import { OperationInputDto } from './source.dto.js';
import { IsTimecode } from './timecode.validator.js';

/** `source` (or `assetId`): a video or audio asset or variant of the calling tenant. */
export class CreateTrimDto extends OperationInputDto {
  @ApiProperty({
    oneOf: [
      { type: 'number', minimum: 0 },
      { type: 'string', pattern: '^(\\d+(\\.\\d+)?|(\\d+:)?[0-5]?\\d:[0-5]?\\d(\\.\\d+)?)$' },
    ],
    example: '00:00:01.500',
    description: 'Where the cut starts: seconds (1.5) or HH:MM:SS(.sss). Must be before the end of the source.',
  })
  @IsTimecode()
  start!: number | string;

  @ApiProperty({
    oneOf: [
      { type: 'number', minimum: 0 },
      { type: 'string', pattern: '^(\\d+(\\.\\d+)?|(\\d+:)?[0-5]?\\d:[0-5]?\\d(\\.\\d+)?)$' },
    ],
    example: 4,
    description: 'Where the cut ends, same forms as start; must be greater than start. Clamped to the source duration.',
  })
  @IsTimecode()
  end!: number | string;

  @ApiPropertyOptional({
    enum: TrimMode,
    enumName: 'TrimMode',
    default: TrimMode.Accurate,
    description:
      '`accurate` re-encodes and cuts on the exact frame; `fast` copies the streams without re-encoding and starts at the keyframe at or before `start`.',
  })
  @IsOptional()
  @IsEnum(TrimMode)
  mode: TrimMode = TrimMode.Accurate;
}
