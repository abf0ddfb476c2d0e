import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiKeyScope } from '@reelforge/contracts';
import { type Response } from 'express';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { type ApiPrincipal, Principal } from '../auth/principal.js';
import { ApiErrorDto } from '../http/api-error.dto.js';
import { PageQueryDto } from '../http/pagination.dto.js';
import {
  ListProjectsQueryDto,
  ProjectDto,
  ProjectPageDto,
  ProjectRenderAnswerDto,
  ProjectRenderDto,
  ProjectRenderLogDto,
  ProjectRenderPageDto,
  ProjectVersionDto,
  ProjectVersionPageDto,
} from './project.dto.js';
import { projectRequestOpenApi } from './project-request.js';
import { parseIfMatch, projectEtag, ProjectsService } from './projects.service.js';

const uuid = new ParseUUIDPipe();
const versionNumber = new ParseIntPipe();

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description:
    'The ETag of the version this edit is based on ("3"), or * for any. Required unless the body carries `version`; ' +
    'a stale one is a 412, none at all a 428.',
} as const;

const StaleVersionResponse = (): MethodDecorator =>
  ApiPreconditionFailedResponse({ type: ApiErrorDto, description: 'The project has a newer version than If-Match' });

const PreconditionResponses = (): MethodDecorator =>
  applyDecorators(
    StaleVersionResponse(),
    ApiResponse({ status: 428, type: ApiErrorDto, description: 'Neither If-Match nor version was sent' }),
  );

function withEtag(response: Response, project: ProjectDto): ProjectDto {
  response.setHeader('ETag', projectEtag(project.version));
  return project;
}

@ApiTags('Projects')
@Controller('v1/projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiBody({ schema: projectRequestOpenApi.create() })
  @ApiCreatedResponse({ type: ProjectDto, description: 'Version 1; ETag and Location are set.' })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Names every bad field (name, tags.*, composition.*)' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'The composition names an asset this tenant does not have' })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'An asset of the wrong kind for its layer' })
  async create(
    @Principal() principal: ApiPrincipal,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProjectDto> {
    const project = await this.projects.create(principal.tenantId, body);
    response.location(project.links.self);
    return withEtag(response, project);
  }

  @Get()
  @Authenticated(ApiKeyScope.JobsRead)
  @ApiOkResponse({ type: ProjectPageDto })
  list(@Principal() principal: ApiPrincipal, @Query() query: ListProjectsQueryDto): Promise<ProjectPageDto> {
    return this.projects.list(principal.tenantId, query);
  }

  @Get(':id')
  @Authenticated(ApiKeyScope.JobsRead)
  @ApiOkResponse({ type: ProjectDto, description: 'The newest version; ETag is its number.' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async get(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProjectDto> {
    return withEtag(response, await this.projects.get(principal.tenantId, id));
  }

  @Put(':id')
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiHeader(IF_MATCH)
  @ApiBody({ schema: projectRequestOpenApi.replace() })
  @ApiOkResponse({ type: ProjectDto, description: 'The new version.' })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @PreconditionResponses()
  async replace(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProjectDto> {
    return withEtag(response, await this.projects.replace(principal.tenantId, id, body, parseIfMatch(ifMatch)));
  }

  @Patch(':id')
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiHeader(IF_MATCH)
  @ApiConsumes('application/json-patch+json', 'application/json')
  @ApiBody({
    description:
      'RFC 6902 operations on `{name, tags, composition}`, e.g. `[{"op": "replace", "path": "/composition/layers/1/startSec", ' +
      '"value": 2}]`. All apply or none; the result is validated like a PUT.',
    schema: {
      type: 'array',
      items: {
        type: 'object',
        required: ['op', 'path'],
        properties: {
          op: { type: 'string', enum: ['add', 'remove', 'replace', 'move', 'copy', 'test'] },
          path: { type: 'string', description: 'JSON Pointer (RFC 6901)', example: '/composition/layers/1/startSec' },
          from: { type: 'string', description: 'For move and copy' },
          value: { description: 'For add, replace and test' },
        },
      },
    },
  })
  @ApiOkResponse({ type: ProjectDto, description: 'The new version.' })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'A failing operation (details name `patch.<i>.path`) or an invalid result (`composition.*`)',
  })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @PreconditionResponses()
  async patch(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProjectDto> {
    return withEtag(response, await this.projects.patch(principal.tenantId, id, body, parseIfMatch(ifMatch)));
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiHeader({ ...IF_MATCH, description: 'Optional: delete only if the project is still at this version.' })
  @ApiNoContentResponse({ description: 'The project, its versions and render records are gone; render jobs stay.' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @StaleVersionResponse()
  delete(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    return this.projects.delete(principal.tenantId, id, parseIfMatch(ifMatch));
  }

  @Get(':id/versions')
  @Authenticated(ApiKeyScope.JobsRead)
  @ApiOkResponse({ type: ProjectVersionPageDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  versions(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Query() query: PageQueryDto,
  ): Promise<ProjectVersionPageDto> {
    return this.projects.listVersions(principal.tenantId, id, query);
  }

  @Get(':id/versions/:version')
  @Authenticated(ApiKeyScope.JobsRead)
  @ApiOkResponse({ type: ProjectVersionDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  version(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Param('version', versionNumber) version: number,
  ): Promise<ProjectVersionDto> {
    return this.projects.getVersion(principal.tenantId, id, version);
  }

  @Post(':id/versions/:version/restore')
  @HttpCode(200)
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiHeader(IF_MATCH)
  @ApiBody({ required: false, schema: projectRequestOpenApi.restore() })
  @ApiOkResponse({
    type: ProjectDto,
    description: "A new version with that version's composition (name and tags stay as they are).",
  })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @PreconditionResponses()
  async restore(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Param('version', versionNumber) version: number,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProjectDto> {
    const project = await this.projects.restore(principal.tenantId, id, version, body, parseIfMatch(ifMatch));
    return withEtag(response, project);
  }

  @Post(':id/renders')
  @HttpCode(202)
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiBody({ required: false, schema: projectRequestOpenApi.render() })
  @ApiAcceptedResponse({ type: ProjectRenderAnswerDto, description: 'A new render (a `generate` job) was queued.' })
  @ApiOkResponse({
    type: ProjectRenderAnswerDto,
    description: 'An earlier render of the same content is answered (`reused: true`); nothing new is rendered.',
  })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such project or version, or an asset is gone' })
  async render(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProjectRenderAnswerDto> {
    const { render, created } = await this.projects.render(principal.tenantId, id, body);
    response.status(created ? 202 : 200).location(render.links.self);
    return render;
  }

  @Get(':id/renders')
  @Authenticated(ApiKeyScope.JobsRead)
  @ApiOkResponse({ type: ProjectRenderPageDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  renders(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Query() query: PageQueryDto,
  ): Promise<ProjectRenderPageDto> {
    return this.projects.listRenders(principal.tenantId, id, query);
  }

  @Get(':id/renders/:renderId')
  @Authenticated(ApiKeyScope.JobsRead)
  @ApiOkResponse({ type: ProjectRenderDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getRender(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Param('renderId', uuid) renderId: string,
  ): Promise<ProjectRenderDto> {
    return this.projects.getRender(principal.tenantId, id, renderId);
  }

  @Get(':id/renders/:renderId/log')
  @Authenticated(ApiKeyScope.JobsRead)
  @ApiOkResponse({ type: ProjectRenderLogDto, description: "Warnings, the error and the end of ffmpeg's stderr." })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  renderLog(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Param('renderId', uuid) renderId: string,
  ): Promise<ProjectRenderLogDto> {
    return this.projects.renderLog(principal.tenantId, id, renderId);
  }
}
