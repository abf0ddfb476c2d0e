import { Injectable } from '@nestjs/common';
import { DomainError, InvalidInputError } from '@reelforge/contracts';
import { FontRegistry, type TextLayerSpec, validateTextLayerSpec } from '@reelforge/text';
import { type TextLayerDto, toTextLayerSpec } from './text-layer.dto.js';

/** Turns a TextLayerDto into a checked TextLayerSpec for any feature that embeds text (preview, overlays). */
@Injectable()
export class TextLayersService {
  constructor(private readonly fonts: FontRegistry) {}

  /**
   * Maps the DTO and checks what validation decorators cannot: colour syntax and that the font family
   * exists for this tenant. `field` is where the layer sits in the request (e.g. `layers[0].text`), so an
   * error names `layers[0].text.stroke.color` rather than `stroke.color`.
   */
  toSpec(tenantId: string, dto: TextLayerDto, field?: string): TextLayerSpec {
    const spec = toTextLayerSpec(dto);
    try {
      validateTextLayerSpec(spec, this.fonts, { tenantId });
    } catch (error) {
      if (!field || !(error instanceof DomainError) || typeof error.details.field !== 'string') throw error;
      const inner = error.details.field;
      throw new InvalidInputError(error.message.replace(inner, `${field}.${inner}`), {
        ...error.details,
        field: `${field}.${inner}`,
      });
    }
    return spec;
  }
}
