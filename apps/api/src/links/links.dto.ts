import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_SIGNED_URL_EXPIRES_SEC } from '@reelforge/config';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class SignedUrlQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_SIGNED_URL_EXPIRES_SEC,
    description:
      'Seconds the link works for (default SIGNED_URL_DEFAULT_EXPIRES_SEC, 3600). At most ' +
      'SIGNED_URL_MAX_EXPIRES_SEC, and never over 604800 (7 days, the S3 limit for presigned URLs).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIGNED_URL_EXPIRES_SEC)
  expiresInSec?: number;
}

export enum SignedUrlKind {
  /** Served by the object store itself (S3 presigned URL). */
  Presigned = 'presigned',
  /** Served by this API under /v1/signed/ with an HMAC token (local storage, and HLS packages on any storage). */
  Signed = 'signed',
}

export class SignedUrlDto {
  @ApiProperty({
    description:
      'Works without an API key until expiresAt; answers 403 after that or when altered. Supports Range. ' +
      'For an HLS playlist, the playlists and segments it refers to are reachable through the same link.',
  })
  url!: string;

  @ApiProperty({
    enum: SignedUrlKind,
    enumName: 'SignedUrlKind',
    description: '`presigned`: served by the object store (S3); `signed`: served by this API under /v1/signed/.',
  })
  kind!: SignedUrlKind;

  @ApiProperty({ description: 'The moment the link stops working (ISO 8601).' })
  expiresAt!: Date;

  @ApiProperty({ description: 'The lifetime that was applied, in seconds.' })
  expiresInSec!: number;
}
