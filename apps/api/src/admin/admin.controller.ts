import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { MasterKeyGuard } from '../auth/master-key.guard.js';
import { ApiErrorDto } from '../http/api-error.dto.js';
import {
  ApiKeyDto,
  CreateApiKeyDto,
  CreatedApiKeyDto,
  CreateTenantDto,
  ListApiKeysQueryDto,
  TenantDto,
  TenantUsageDto,
  UpdateApiKeyDto,
  UpdateTenantDto,
  WebhookSecretDto,
} from './admin.dto.js';
import { AdminService } from './admin.service.js';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('Admin')
@ApiSecurity('master-key')
@ApiHeader({ name: 'X-Master-Key', required: true, description: 'The MASTER_KEY of this deployment.' })
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing or wrong master key' })
@ApiForbiddenResponse({ type: ApiErrorDto, description: 'Caller IP not in MASTER_IPS' })
@UseGuards(MasterKeyGuard)
@Controller('v1/admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Post('tenants')
  @ApiCreatedResponse({ type: TenantDto })
  createTenant(@Body() dto: CreateTenantDto): Promise<TenantDto> {
    return this.admin.createTenant(dto);
  }

  @Get('tenants')
  @ApiOkResponse({ type: [TenantDto] })
  listTenants(): Promise<TenantDto[]> {
    return this.admin.listTenants();
  }

  @Patch('tenants/:id')
  @ApiOkResponse({ type: TenantDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  updateTenant(@Param('id', uuid) id: string, @Body() dto: UpdateTenantDto): Promise<TenantDto> {
    return this.admin.updateTenant(id, dto);
  }

  @Get('tenants/:id/webhook-secret')
  @ApiOkResponse({ type: WebhookSecretDto, description: 'The signing secret, created on first read.' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  webhookSecret(@Param('id', uuid) id: string): Promise<WebhookSecretDto> {
    return this.admin.webhookSecret(id);
  }

  @Post('tenants/:id/webhook-secret')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookSecretDto, description: 'A new secret; the old one stops signing at once.' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  rotateWebhookSecret(@Param('id', uuid) id: string): Promise<WebhookSecretDto> {
    return this.admin.rotateWebhookSecret(id);
  }

  @Post('keys')
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The record plus `key`, shown this once.' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  createKey(@Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.admin.createKey(dto);
  }

  @Get('keys')
  @ApiOkResponse({ type: [ApiKeyDto] })
  listKeys(@Query() query: ListApiKeysQueryDto): Promise<ApiKeyDto[]> {
    return this.admin.listKeys(query.tenantId);
  }

  @Patch('keys/:id')
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  updateKey(@Param('id', uuid) id: string, @Body() dto: UpdateApiKeyDto): Promise<ApiKeyDto> {
    return this.admin.updateKey(id, dto);
  }

  @Post('keys/:id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  revokeKey(@Param('id', uuid) id: string): Promise<ApiKeyDto> {
    return this.admin.revokeKey(id);
  }

  @Post('keys/:id/rotate')
  @HttpCode(200)
  @ApiOkResponse({ type: CreatedApiKeyDto, description: 'A new key on the same record; the old one stops working.' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  rotateKey(@Param('id', uuid) id: string): Promise<CreatedApiKeyDto> {
    return this.admin.rotateKey(id);
  }

  @Get('usage')
  @ApiOkResponse({ type: [TenantUsageDto] })
  usage(): Promise<TenantUsageDto[]> {
    return this.admin.usage();
  }
}
