import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { ALL_API_KEY_SCOPES, NotFoundError } from '@reelforge/contracts';
import { ApiKeyEntity, TenantEntity } from '@reelforge/db';
import { generateWebhookSecret } from '@reelforge/net';
import { DataSource, IsNull, type Repository } from 'typeorm';
import { generateApiKey } from '../auth/api-key-format.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import {
  type ApiKeyDto,
  type CreateApiKeyDto,
  type CreatedApiKeyDto,
  type CreateTenantDto,
  type TenantDto,
  type TenantUsageDto,
  type UpdateApiKeyDto,
  type UpdateTenantDto,
  type WebhookSecretDto,
} from './admin.dto.js';

function toTenantDto(tenant: TenantEntity): TenantDto {
  return {
    id: tenant.id,
    name: tenant.name,
    maxRunningJobs: tenant.maxRunningJobs,
    webhookUrl: tenant.webhookUrl,
    hasWebhookSecret: tenant.webhookSecret !== null,
    createdAt: tenant.createdAt,
  };
}

function toApiKeyDto(key: ApiKeyEntity): ApiKeyDto {
  return {
    id: key.id,
    tenantId: key.tenantId,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes as ApiKeyDto['scopes'],
    minuteLimit: key.minuteLimit,
    dailyLimit: key.dailyLimit,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    lastUsedAt: key.lastUsedAt,
    createdAt: key.createdAt,
  };
}

@Injectable()
export class AdminService {
  constructor(
    @InjectRepository(TenantEntity) private readonly tenants: Repository<TenantEntity>,
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async createTenant(dto: CreateTenantDto): Promise<TenantDto> {
    return toTenantDto(await this.tenants.save(this.tenants.create({ name: dto.name })));
  }

  async listTenants(): Promise<TenantDto[]> {
    return (await this.tenants.find({ order: { createdAt: 'ASC' } })).map(toTenantDto);
  }

  async updateTenant(id: string, dto: UpdateTenantDto): Promise<TenantDto> {
    const tenant = await this.getTenantOrFail(id);
    if (dto.maxRunningJobs !== undefined) tenant.maxRunningJobs = dto.maxRunningJobs;
    if (dto.webhookUrl !== undefined) tenant.webhookUrl = dto.webhookUrl;
    return toTenantDto(await this.tenants.save(tenant));
  }

  /** The tenant's signing secret, created on first read (deliveries create it too when they need it). */
  async webhookSecret(id: string): Promise<WebhookSecretDto> {
    await this.getTenantOrFail(id);
    // Conditional, so a first delivery creating it at the same moment cannot be overwritten.
    await this.tenants.update({ id, webhookSecret: IsNull() }, { webhookSecret: generateWebhookSecret() });
    return { secret: (await this.getTenantOrFail(id)).webhookSecret as string };
  }

  /** A new secret at once; deliveries still retrying are signed with it from their next attempt. */
  async rotateWebhookSecret(id: string): Promise<WebhookSecretDto> {
    const tenant = await this.getTenantOrFail(id);
    tenant.webhookSecret = generateWebhookSecret();
    await this.tenants.save(tenant);
    return { secret: tenant.webhookSecret };
  }

  async createKey(dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    if (!(await this.tenants.existsBy({ id: dto.tenantId }))) throw new NotFoundError('tenant', dto.tenantId);
    const generated = generateApiKey();
    const key = await this.keys.save(
      this.keys.create({
        tenantId: dto.tenantId,
        name: dto.name,
        prefix: generated.prefix,
        secretHash: generated.secretHash,
        scopes: dto.scopes ?? [...ALL_API_KEY_SCOPES],
        minuteLimit: dto.minuteLimit,
        dailyLimit: dto.dailyLimit,
        expiresAt: dto.expiresAt ?? null,
        revokedAt: null,
        lastUsedAt: null,
      }),
    );
    return { ...toApiKeyDto(key), key: generated.key };
  }

  async listKeys(tenantId?: string): Promise<ApiKeyDto[]> {
    const keys = await this.keys.find({ where: tenantId ? { tenantId } : {}, order: { createdAt: 'ASC' } });
    return keys.map(toApiKeyDto);
  }

  async updateKey(id: string, dto: UpdateApiKeyDto): Promise<ApiKeyDto> {
    const key = await this.getKeyOrFail(id);
    if (dto.name !== undefined) key.name = dto.name;
    if (dto.minuteLimit !== undefined) key.minuteLimit = dto.minuteLimit;
    if (dto.dailyLimit !== undefined) key.dailyLimit = dto.dailyLimit;
    if (dto.scopes !== undefined) key.scopes = dto.scopes;
    return toApiKeyDto(await this.keys.save(key));
  }

  async revokeKey(id: string): Promise<ApiKeyDto> {
    const key = await this.getKeyOrFail(id);
    key.revokedAt ??= new Date();
    return toApiKeyDto(await this.keys.save(key));
  }

  /** A new prefix and secret on the same record; the old key stops working at once. */
  async rotateKey(id: string): Promise<CreatedApiKeyDto> {
    const key = await this.getKeyOrFail(id);
    if (key.revokedAt) throw new NotFoundError('active api key', id);
    const generated = generateApiKey();
    key.prefix = generated.prefix;
    key.secretHash = generated.secretHash;
    return { ...toApiKeyDto(await this.keys.save(key)), key: generated.key };
  }

  async usage(): Promise<TenantUsageDto[]> {
    const [tenants, keys, assetRows, variantRows, jobRows] = await Promise.all([
      this.tenants.find({ order: { createdAt: 'ASC' } }),
      this.keys.find({ order: { createdAt: 'ASC' } }),
      this.dataSource.query<Array<{ tenant_id: string; count: string; bytes: string }>>(
        `SELECT tenant_id, count(*) AS count, coalesce(sum(size_bytes), 0) AS bytes FROM assets GROUP BY tenant_id`,
      ),
      this.dataSource.query<Array<{ tenant_id: string; bytes: string }>>(
        `SELECT tenant_id, coalesce(sum(size_bytes), 0) AS bytes FROM variants GROUP BY tenant_id`,
      ),
      this.dataSource.query<Array<{ tenant_id: string; status: string; count: string }>>(
        `SELECT tenant_id, status, count(*) AS count FROM jobs WHERE created_at > now() - interval '24 hours' GROUP BY tenant_id, status`,
      ),
    ]);
    const requestsToday = await this.rateLimiter
      .requestsToday(keys.map((k) => k.id))
      .catch(() => new Map<string, number>());
    return tenants.map((tenant) => {
      const assets = assetRows.find((r) => r.tenant_id === tenant.id);
      const variants = variantRows.find((r) => r.tenant_id === tenant.id);
      return {
        tenantId: tenant.id,
        name: tenant.name,
        assetCount: Number(assets?.count ?? 0),
        storageBytes: Number(assets?.bytes ?? 0) + Number(variants?.bytes ?? 0),
        jobsLast24h: Object.fromEntries(
          jobRows.filter((r) => r.tenant_id === tenant.id).map((r) => [r.status, Number(r.count)]),
        ),
        keys: keys
          .filter((k) => k.tenantId === tenant.id)
          .map((k) => ({ apiKeyId: k.id, name: k.name, requestsToday: requestsToday.get(k.id) ?? 0 })),
      };
    });
  }

  private async getTenantOrFail(id: string): Promise<TenantEntity> {
    const tenant = await this.tenants.findOneBy({ id });
    if (!tenant) throw new NotFoundError('tenant', id);
    return tenant;
  }

  private async getKeyOrFail(id: string): Promise<ApiKeyEntity> {
    const key = await this.keys.findOneBy({ id });
    if (!key) throw new NotFoundError('api key', id);
    return key;
  }
}
