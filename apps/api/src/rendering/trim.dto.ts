import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TrimMode } from '@reelforge/contracts';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { JobOptionsDto } from './job-options.dto.js';
import { IsTimecode } from './timecode.validator.js';

export class CreateTrimDto extends JobOptionsDto {
  @ApiProperty({ format: 'uuid', description: 'A video or audio asset of the calling tenant.' })
  @IsUUID()
  assetId!: string;

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
