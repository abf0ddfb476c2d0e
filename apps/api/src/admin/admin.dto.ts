import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiKeyScope } from '@reelforge/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsDate,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsWebhookUrl } from '../rendering/job-options.dto.js';
import { MAX_WEBHOOK_URL_LENGTH } from '@reelforge/net';

/** Trimmed before validation, so a name of only spaces is empty and refused. */
const trimString = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class CreateTenantDto {
  @ApiProperty({ example: 'Acme Studio', maxLength: 200, description: 'Display name of the team.' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class TenantDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Acme Studio' })
  name!: string;

  @ApiProperty({ example: 4, description: 'Jobs of this tenant that run at once; the rest wait.' })
  maxRunningJobs!: number;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Where job outcomes are POSTed when an operation names none.',
  })
  webhookUrl!: string | null;

  @ApiProperty({ description: 'Whether a webhook signing secret exists (read it at …/webhook-secret).' })
  hasWebhookSecret!: boolean;

  @ApiProperty()
  createdAt!: Date;
}

export class UpdateTenantDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: 'Jobs of this tenant that run at once.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000)
  maxRunningJobs?: number;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: MAX_WEBHOOK_URL_LENGTH,
    example: 'https://example.com/hooks/reelforge',
    description: 'The default webhook URL; null removes it.',
  })
  // null clears the URL; undefined leaves it as it is.
  @ValidateIf((_object, value) => value !== null && value !== undefined)
  @IsString()
  @IsWebhookUrl()
  webhookUrl?: string | null;
}

export class WebhookSecretDto {
  @ApiProperty({
    example: 'whsec_Yk9i…',
    description:
      'HMAC-SHA256 key of X-Reelforge-Signature. Verify: split the header into t and v1, compute ' +
      'hex(HMAC-SHA256(secret, `${t}.${rawBody}`)), compare with v1 in constant time, refuse t older than 5 minutes.',
  })
  secret!: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ format: 'uuid', description: 'The tenant the key acts for.' })
  @IsUUID()
  tenantId!: string;

  @ApiProperty({ example: 'ci-uploader', maxLength: 200, description: 'A label for admins.' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 120, minimum: 1, maximum: 100000, description: 'Requests admitted per UTC minute.' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  minuteLimit!: number;

  @ApiProperty({ example: 10000, minimum: 1, maximum: 100000000, description: 'Requests admitted per UTC day.' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  dailyLimit!: number;

  @ApiPropertyOptional({
    enum: ApiKeyScope,
    enumName: 'ApiKeyScope',
    isArray: true,
    description: 'What the key may do. Defaults to every scope.',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(ApiKeyScope, { each: true })
  scopes?: ApiKeyScope[];

  @ApiPropertyOptional({
    example: '2027-01-01T00:00:00Z',
    description: 'ISO 8601; the key stops working at this instant.',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date;
}

export class UpdateApiKeyDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'A label for admins.' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, description: 'Requests admitted per UTC minute.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  minuteLimit?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000000, description: 'Requests admitted per UTC day.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  dailyLimit?: number;

  @ApiPropertyOptional({
    enum: ApiKeyScope,
    enumName: 'ApiKeyScope',
    isArray: true,
    description: 'Replaces the scopes.',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(ApiKeyScope, { each: true })
  scopes?: ApiKeyScope[];
}

export class ListApiKeysQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the keys of this tenant.' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  tenantId!: string;

  @ApiProperty({ example: 'ci-uploader', description: 'A label for admins.' })
  name!: string;

  @ApiProperty({ example: '3f9a1c0b7d2e', description: 'The public part of the key, safe to show.' })
  prefix!: string;

  @ApiProperty({ enum: ApiKeyScope, enumName: 'ApiKeyScope', isArray: true, description: 'What the key may do.' })
  scopes!: ApiKeyScope[];

  @ApiProperty({ description: 'Requests admitted per UTC minute.' })
  minuteLimit!: number;

  @ApiProperty({ description: 'Requests admitted per UTC day.' })
  dailyLimit!: number;

  @ApiProperty({ nullable: true, type: Date })
  expiresAt!: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  revokedAt!: Date | null;

  @ApiProperty({ nullable: true, type: Date, description: 'Approximate, to the minute.' })
  lastUsedAt!: Date | null;

  @ApiProperty()
  createdAt!: Date;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    example: 'rf_3f9a1c0b7d2e_Qm9vZ2xlLWlzLW5vdC1hLXNlY3JldC1idXQtdGhpcy1pcw',
    description: 'The whole key. Shown only in this answer; only a hash is stored.',
  })
  key!: string;
}

export class KeyUsageDto {
  @ApiProperty({ format: 'uuid' })
  apiKeyId!: string;

  @ApiProperty({ description: 'The key label.' })
  name!: string;

  @ApiProperty({ description: 'Requests admitted so far this UTC day.' })
  requestsToday!: number;
}

export class TenantUsageDto {
  @ApiProperty({ format: 'uuid' })
  tenantId!: string;

  @ApiProperty({ description: 'Display name of the team.' })
  name!: string;

  @ApiProperty({ description: 'Assets currently stored.' })
  assetCount!: number;

  @ApiProperty({ description: 'Bytes held by assets and variants.' })
  storageBytes!: number;

  @ApiProperty({ description: 'Jobs created in the last 24 hours, by status.', example: { succeeded: 3, failed: 1 } })
  jobsLast24h!: Record<string, number>;

  @ApiProperty({ type: [KeyUsageDto], description: 'Every key of the tenant, revoked ones included.' })
  keys!: KeyUsageDto[];
}
