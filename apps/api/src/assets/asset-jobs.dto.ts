import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AssetKind } from '@reelforge/contracts';
import { MAX_WEBHOOK_URL_LENGTH, webhookUrlProblem } from '@reelforge/net';
import { IsIn, IsOptional, IsString, registerDecorator, type ValidationArguments } from 'class-validator';
import { JobAcceptedDto } from '../jobs/job.dto.js';
import { JobOptionsDto } from '../rendering/job-options.dto.js';

/** Kinds a URL may bring; fonts and captions are uploads only. */
export const IMPORTABLE_KINDS = [AssetKind.Video, AssetKind.Image, AssetKind.Audio] as const;
export type ImportableKind = (typeof IMPORTABLE_KINDS)[number];

/** The shape of a URL the server may fetch: the webhook URL rules (http(s), no credentials, a host, bounded). */
function IsFetchableUrl(): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isFetchableUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && webhookUrlProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property} ${typeof args?.value === 'string' ? webhookUrlProblem(args.value) : 'must be a URL'}`,
      },
    });
  };
}

export class ImportAssetDto extends JobOptionsDto {
  @ApiProperty({
    maxLength: MAX_WEBHOOK_URL_LENGTH,
    example: 'https://cdn.example.com/clips/holiday.mp4',
    description:
      'http or https. Fetched by a worker: private, loopback and link-local targets are refused after DNS and on ' +
      'every redirect; the size limit is MAX_UPLOAD_BYTES and the time limit IMPORT_TIMEOUT_MS. ' +
      'The bytes are then probed like an upload.',
  })
  @IsString()
  @IsFetchableUrl()
  url!: string;

  @ApiPropertyOptional({
    enum: IMPORTABLE_KINDS,
    enumName: 'ImportableKind',
    description: 'The kind you expect; when the probed content is another kind the job fails with `invalid_media`.',
  })
  @IsOptional()
  @IsIn(IMPORTABLE_KINDS)
  kind?: ImportableKind;
}

export class ImportAcceptedDto extends JobAcceptedDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'The id the asset will have. It exists (GET /v1/assets/:id) only once the job has succeeded; ' +
      'if the job fails, no asset is made under it.',
  })
  assetId!: string;
}

export class AudioAnalysisDto {
  @ApiProperty({ nullable: true, type: Number, example: 120.2, description: 'Beats per minute; null without a clear pulse.' })
  tempoBpm!: number | null;

  @ApiProperty({ type: [Number], example: [0.52, 1.02, 1.52], description: 'Beat times in seconds from the start.' })
  beats!: number[];

  @ApiProperty({ type: [Number], example: [0.5, 1.0, 1.25], description: 'Onset (note or hit) times in seconds.' })
  onsets!: number[];

  @ApiProperty({
    minimum: 0,
    maximum: 1,
    example: 0.8,
    description: 'How strongly the onsets repeat at the tempo; below ~0.1 the pulse is unclear.',
  })
  confidence!: number;

  @ApiProperty({
    example: 180,
    description: 'Seconds of audio analysed: the whole track, or its first 600 s when it is longer.',
  })
  analysedSec!: number;
}
