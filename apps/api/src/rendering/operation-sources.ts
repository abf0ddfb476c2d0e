import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type MediaInput, resolveMediaInput } from '@reelforge/db';
import { DataSource } from 'typeorm';
import { type SourceDto, sourceOf } from './source.dto.js';

/** A request's input, asset or variant, resolved for the tenant by the same function the worker uses. */
@Injectable()
export class OperationSources {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(tenantId: string, dto: { source?: SourceDto; assetId?: string }): Promise<MediaInput & { field: string }> {
    const { ref, field } = sourceOf(dto);
    return { ...(await resolveMediaInput(this.dataSource.manager, tenantId, ref, { field })), field };
  }
}

/** What a job records and queues about its input: ids only. */
export function inputRecord(input: MediaInput): {
  source: { assetId: string } | { variantId: string };
  inputs: string[];
} {
  return {
    source: input.sourceVariantId ? { variantId: input.sourceVariantId } : { assetId: input.rootAssetId as string },
    inputs: input.rootAssetId ? [input.rootAssetId] : [],
  };
}
