import { AssetKind, DomainError, InvalidInputError, InvalidMediaError, type ProbeFacts } from '@reelforge/contracts';
import { type CaptionCue, type MediaFacts, type MediaSource } from '@reelforge/compose';
import { type AssetEntity } from '@reelforge/db';
import { classifyMedia } from '@reelforge/media';
import { type LibraryCatalog } from '@reelforge/storage';
import {
  type ExpectedMedia,
  factsFromProbe,
  type GenerationResolver,
  kindProblem,
  LIBRARY_CATEGORIES_FOR,
} from '@reelforge/templates';
import { parseCaptions } from '@reelforge/text';
import { readFile } from 'node:fs/promises';

export interface ApiResolverDeps {
  tenantId: string;
  findAsset(tenantId: string, id: string): Promise<AssetEntity | null>;
  assetPath(asset: AssetEntity): string;
  library: LibraryCatalog;
  probeLibrary(path: string): Promise<ProbeFacts>;
}

/**
 * The API's view of a generation's media: asset rows (never opened), library items (probed once per
 * process) and URLs (unknown until the worker fetches them). Paths in a dry-run plan are labels like
 * `asset:<id>`, so the answer never shows the server's file layout.
 */
export class ApiGenerationResolver implements GenerationResolver {
  constructor(private readonly deps: ApiResolverDeps) {}

  async media(source: MediaSource, expected: ExpectedMedia | null, field: string): Promise<MediaFacts | null> {
    if ('url' in source) return null;
    if ('assetId' in source) {
      const asset = await this.ownedAsset(source.assetId, field);
      const facts = factsFromProbe(asset.probe, `asset:${asset.id}`, asset.kind);
      const problem = kindProblem(facts, expected);
      if (problem) throw new InvalidMediaError(`${field}: asset ${asset.id} ${problem}`, { field });
      return facts;
    }
    const item = await this.deps.library
      .resolve(source.library, LIBRARY_CATEGORIES_FOR[expected ?? 'any'])
      .catch((error: unknown) => {
        throw error instanceof DomainError ? new InvalidInputError(`${field}: ${error.message}`, { field }) : error;
      });
    const probe = await this.deps.probeLibrary(item.path);
    const facts = factsFromProbe(probe, `library:${item.ref}`, classifyMedia(probe).kind);
    const problem = kindProblem(facts, expected);
    if (problem) throw new InvalidInputError(`${field}: library item ${item.ref} ${problem}`, { field });
    return facts;
  }

  async captions(source: { assetId: string } | { inline: string }, field: string): Promise<CaptionCue[]> {
    let text: string;
    if ('inline' in source) {
      text = source.inline;
    } else {
      const asset = await this.ownedAsset(source.assetId, field);
      if (asset.kind !== AssetKind.Subtitles) {
        throw new InvalidMediaError(`${field}: asset ${asset.id} is ${asset.kind}, not SRT or WebVTT subtitles`, {
          field,
        });
      }
      text = await readFile(this.deps.assetPath(asset), 'utf8');
    }
    try {
      return parseCaptions(text);
    } catch (error) {
      if (error instanceof DomainError) throw new InvalidInputError(`${field}: ${error.message}`, { field });
      throw error;
    }
  }

  private async ownedAsset(id: string, field: string): Promise<AssetEntity> {
    const asset = await this.deps.findAsset(this.deps.tenantId, id);
    // Another tenant's asset is indistinguishable from a missing one.
    if (!asset) throw new DomainError('not_found', `${field}: asset ${id} not found`, { field, entity: 'asset', id });
    return asset;
  }
}
