import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AssetKind, DomainError, InvalidInputError } from '@reelforge/contracts';
import { AssetEntity } from '@reelforge/db';
import { LocalStorage } from '@reelforge/storage';
import { type Repository } from 'typeorm';
import { FontRegistry, type TextLayerSpec, validateTextLayerSpec } from '@reelforge/text';
import { type TextFrame, type TextLayerInput, toTextLayerSpec } from './text-layer.dto.js';

/** Turns a TextLayerDto into a checked TextLayerSpec for any feature that embeds text (preview, overlays). */
@Injectable()
export class TextLayersService {
  constructor(
    private readonly fonts: FontRegistry,
    @InjectRepository(AssetEntity) private readonly assets: Repository<AssetEntity>,
    private readonly storage: LocalStorage,
  ) {}

  /** Registers the tenant's uploaded font for `family` in this process, when there is one. */
  async ensureFamily(tenantId: string, family: string | undefined): Promise<void> {
    if (!family) return;
    await this.fonts.ensureTenantFamily(tenantId, family, async () => {
      const asset = await this.assets.findOneBy({ tenantId, kind: AssetKind.Font, fontFamily: family });
      return asset ? { assetId: asset.id, path: this.storage.pathOf(asset.storageKey) } : null;
    });
  }

  /**
   * Maps the layer, filling defaults from `frame`, and checks what validation decorators cannot: colour
   * syntax, that the font family exists for this tenant and that its fonts can draw every character.
   * `field` is where the layer sits in the request (e.g. `layers[0]`), so an error names
   * `layers[0].style.stroke.color` rather than `stroke.color`.
   */
  async toSpec(tenantId: string, input: TextLayerInput, frame: TextFrame, field?: string): Promise<TextLayerSpec> {
    const spec = toTextLayerSpec(input, frame);
    await this.ensureFamily(tenantId, spec.fontFamily);
    try {
      validateTextLayerSpec(spec, this.fonts, { tenantId });
    } catch (error) {
      if (!field || !(error instanceof DomainError) || typeof error.details.field !== 'string') throw error;
      const inner = input.legacy ? error.details.field : styleFieldOf(error.details.field);
      throw new InvalidInputError(error.message.replace(error.details.field, `${field}.${inner}`), {
        ...error.details,
        field: `${field}.${inner}`,
      });
    }
    return spec;
  }
}

/** The renderer names spec fields; callers wrote them in the one layer shape (`style.color`, `widthPx`). */
function styleFieldOf(specField: string): string {
  if (specField === 'text') return 'text';
  if (specField === 'boxWidthPx') return 'widthPx';
  if (specField === 'boxHeightPx') return 'heightPx';
  return `style.${specField}`;
}
