import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { JobAcceptedDto } from '../jobs/job.dto.js';
import { JobOptionsDto } from '../rendering/job-options.dto.js';

export class TranscribeAssetDto extends JobOptionsDto {
  @ApiPropertyOptional({
    example: 'en',
    description: 'ISO 639-1 language of the speech; omitted, the provider detects it.',
  })
  @IsOptional()
  @Matches(/^[a-z]{2}$/, { message: 'language must be a two-letter ISO 639-1 code such as en' })
  language?: string;
}

export class TranscribeAcceptedDto extends JobAcceptedDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'The captions asset the job makes (kind `subtitles`, an SRT, usable as a subtitles layer source). It exists ' +
      'only once the job has succeeded.',
  })
  captionsAssetId!: string;
}

export class TranscriptWordDto {
  @ApiProperty({ example: 'hello' })
  word!: string;

  @ApiProperty({ example: 0.32, description: 'Seconds from the start of the source audio.' })
  startSec!: number;

  @ApiProperty({ example: 0.61 })
  endSec!: number;
}

export class TranscriptSegmentDto {
  @ApiProperty({ description: 'Seconds from the start of the source audio.' })
  startSec!: number;

  @ApiProperty({ description: 'Seconds from the start of the source audio.' })
  endSec!: number;

  @ApiProperty({ description: 'What was said in this stretch, as the provider segmented it.' })
  text!: string;

  @ApiProperty({ type: [TranscriptWordDto], description: 'Empty when the provider gave no word timings.' })
  words!: TranscriptWordDto[];
}

export class TranscriptDto {
  @ApiProperty({ enum: ['whisper.cpp', 'http'] })
  provider!: string;

  @ApiProperty({ nullable: true, type: String, example: 'whisper-1' })
  model!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'As the provider reports it (a code or a name).' })
  language!: string | null;

  @ApiProperty({ format: 'uuid', description: 'The asset the speech came from.' })
  sourceAssetId!: string;

  @ApiProperty({ type: [TranscriptSegmentDto], description: "The provider's segments (pauses, sentences)." })
  segments!: TranscriptSegmentDto[];

  @ApiProperty({ type: [TranscriptWordDto], description: 'Every word with its timing, in order.' })
  words!: TranscriptWordDto[];
}
