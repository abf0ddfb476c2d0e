import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiKeyScope, NotFoundError } from '@reelforge/contracts';
import { listTemplates, type TemplateDescription } from '@reelforge/templates';
import { IsIn, IsOptional } from 'class-validator';
import { type Response } from 'express';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { type ApiPrincipal, Principal } from '../auth/principal.js';
import { ApiErrorDto } from '../http/api-error.dto.js';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../jobs/idempotency-key.decorator.js';
import { JobAcceptedDto } from '../jobs/job.dto.js';
import { generateRequestOpenApiSchema } from './generate-request.js';
import { GenerateService } from './generate.service.js';

export class GenerateQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: answer the expanded composition, the plan and the ffmpeg argv with warnings; render nothing.',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}

export class DryRunDto {
  @ApiProperty({ enum: [true], description: 'Always true: nothing was queued.' })
  dryRun!: true;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The composition, every default filled in.' })
  composition!: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Output size/fps/duration, expectedFrames, inputs, text images to draw, the filter graph. Paths are labels ' +
      '(`asset:<id>`, `library:<ref>`, `work/text-0.png`); URL sources show as unknown until the worker fetches them.',
  })
  plan!: Record<string, unknown>;

  @ApiProperty({ type: [String], description: 'The one ffmpeg command the worker would run.' })
  argv!: string[];

  @ApiProperty({ type: [String], description: 'What the render would do differently than asked, e.g. equal cuts.' })
  warnings!: string[];
}

export class TemplateDto {
  @ApiProperty({ example: 'golden-frame', description: 'Used as `template` in POST /v1/generate.' })
  name!: string;

  @ApiProperty({ description: 'What the template makes.' })
  description!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: "JSON Schema of the template's fields." })
  fieldsSchema!: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'A complete request body for POST /v1/generate that uses this template.',
  })
  example!: Record<string, unknown>;
}

@ApiTags('Generation')
@Controller('v1')
export class GenerateController {
  constructor(private readonly generation: GenerateService) {}

  @Post('generate')
  @HttpCode(202)
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description: 'As for every operation: the same key and body within 24 h answer the first job again.',
  })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiBody({
    description:
      '`{template, fields, output?}` (see GET /v1/templates) or `{composition}`. The output is a `generated` ' +
      'variant plus a `thumbnail` poster from the middle of the video.',
    schema: generateRequestOpenApiSchema(),
  })
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: 'Queued; follow links.self.' })
  @ApiOkResponse({ type: DryRunDto, description: 'dryRun=true: what would run; nothing is queued.' })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Names every bad or missing field (fields.*, composition.*)',
  })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'A referenced asset does not exist for this tenant' })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'A referenced asset is of the wrong kind' })
  async generate(
    @Principal() principal: ApiPrincipal,
    @Body() body: Record<string, unknown>,
    @Query() query: GenerateQueryDto,
    @Res({ passthrough: true }) response: Response,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<JobAcceptedDto | DryRunDto> {
    const dryRun = query.dryRun === 'true';
    if (dryRun) response.status(200);
    return this.generation.generate(principal.tenantId, body, dryRun, idempotencyKey);
  }

  @Get('templates')
  @Authenticated(ApiKeyScope.JobsRead)
  @ApiOkResponse({
    type: [TemplateDto],
    description: 'Every template with the JSON Schema of its fields and an example.',
  })
  templates(): TemplateDescription[] {
    return listTemplates();
  }

  @Get('templates/:name')
  @Authenticated(ApiKeyScope.JobsRead)
  @ApiOkResponse({ type: TemplateDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  template(@Param('name') name: string): TemplateDescription {
    const found = listTemplates().find((template) => template.name === name);
    if (!found) throw new NotFoundError('template', name);
    return found;
  }
}
