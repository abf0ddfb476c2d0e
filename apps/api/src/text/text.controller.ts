import { Body, Controller, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import { ApiKeyScope } from '@reelforge/contracts';
import { FontRegistry, measureTextLayer, renderTextLayer } from '@reelforge/text';
import { type Response } from 'express';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { type ApiPrincipal, Principal } from '../auth/principal.js';
import { ApiErrorDto } from '../http/api-error.dto.js';
import { FontFamilyDto, TextMetricsDto } from './font-family.dto.js';
import { previewInput, TextPreviewDto } from './text-layer.dto.js';
import { TextLayersService } from './text-layers.service.js';

@ApiTags('Text')
@ApiExtraModels(TextMetricsDto)
@Controller('v1')
export class TextController {
  constructor(
    private readonly fonts: FontRegistry,
    private readonly textLayers: TextLayersService,
  ) {}

  @Post('text/preview')
  @HttpCode(200)
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiProduces('image/png', 'application/json')
  @ApiOkResponse({
    description:
      'The text layer as a transparent PNG (default), or its metrics as JSON when the request sends Accept: application/json.',
    content: {
      'image/png': { schema: { type: 'string', format: 'binary' } },
      'application/json': { schema: { $ref: getSchemaPath(TextMetricsDto) } },
    },
  })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description:
      'Invalid field (details name it): a bad colour, an unknown fontFamily, out-of-range sizes, empty text, characters no font can draw',
  })
  async preview(
    @Principal() principal: ApiPrincipal,
    @Body() dto: TextPreviewDto,
    @Headers('accept') accept: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const { input, frame, deprecated } = previewInput(dto);
    const spec = await this.textLayers.toSpec(principal.tenantId, input, frame);
    if (deprecated) {
      // RFC 9745; the flat shape still works, but clients should move to {text, style, widthPx}.
      response.set('Deprecation', 'true');
      response.set('Warning', '299 - "The flat text shape is deprecated: send {text, style, widthPx}"');
    }
    const options = { tenantId: principal.tenantId };
    // Layout is synchronous but bounded by the DTO limits (2,000 characters, a 4096 px box); the PNG
    // encode runs off the event loop in @napi-rs/canvas's thread pool.
    if (wantsJson(accept)) {
      response.json(await measureTextLayer(spec, this.fonts, options));
      return;
    }
    const { png, metrics } = await renderTextLayer(spec, this.fonts, options);
    response
      .type('image/png')
      .set('X-Text-Font-Size-Px', String(metrics.fontSizePx))
      .set('X-Text-Overflow', String(metrics.overflow))
      .send(png);
  }

  @Get('library/fonts')
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiTags('Library')
  @ApiOkResponse({ type: [FontFamilyDto], description: 'The bundled font families usable as fontFamily.' })
  listFonts(): FontFamilyDto[] {
    return this.fonts
      .families()
      .map(({ name, styles, scripts, sizeBytes }) => ({ name, styles: [...styles], scripts: [...scripts], sizeBytes }));
  }
}

/** JSON only when asked for explicitly and preferred over PNG; browsers and curl's `*\/*` get the image. */
function wantsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((part) => part.split(';')[0].trim().toLowerCase());
  const jsonIndex = types.indexOf('application/json');
  const pngIndex = types.indexOf('image/png');
  return jsonIndex !== -1 && (pngIndex === -1 || jsonIndex < pngIndex);
}
