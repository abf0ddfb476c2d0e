import { ApiPropertyOptional } from '@nestjs/swagger';
import { InvalidInputError, type MediaInputRef } from '@reelforge/contracts';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { JobOptionsDto } from './job-options.dto.js';

/** `{assetId}` or `{variantId}`: an upload, or the output of an earlier job, so operations chain without re-uploading. */
export class SourceDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One of your assets. Give `assetId` or `variantId`.' })
  @IsOptional()
  @IsUUID()
  assetId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'An output (variant) of one of your earlier jobs: a single MP4/M4A/image file, not an HLS package. ' +
      'Give `assetId` or `variantId`.',
  })
  @IsOptional()
  @IsUUID()
  variantId?: string;
}

/** Every operation's input plus the job options. `assetId` is the older spelling of `source: {assetId}`. */
export class OperationInputDto extends JobOptionsDto {
  @ApiPropertyOptional({
    type: SourceDto,
    description: 'What to work on: `{assetId}` or `{variantId}`. Give `source` or `assetId`, not both.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'Same as `source: {assetId}`; kept for existing callers.' })
  @IsOptional()
  @IsUUID()
  assetId?: string;
}

/** The input named by a request, and the field to name in errors about it; exactly one form must be given. */
export function sourceOf(dto: { source?: SourceDto; assetId?: string }): { ref: MediaInputRef; field: string } {
  if (dto.source !== undefined && dto.assetId !== undefined) {
    throw new InvalidInputError('Give source or assetId, not both', { field: 'source' });
  }
  if (dto.assetId !== undefined) return { ref: { assetId: dto.assetId }, field: 'assetId' };
  if (dto.source === undefined) {
    throw new InvalidInputError('source is required: {assetId} or {variantId}', { field: 'source' });
  }
  const { assetId, variantId } = dto.source;
  if ((assetId === undefined) === (variantId === undefined)) {
    throw new InvalidInputError('source must have exactly one of assetId or variantId', { field: 'source' });
  }
  return assetId !== undefined
    ? { ref: { assetId }, field: 'source.assetId' }
    : { ref: { variantId: variantId as string }, field: 'source.variantId' };
}
