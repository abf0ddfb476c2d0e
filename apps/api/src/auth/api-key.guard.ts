import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiKeyEntity } from '@reelforge/db';
import { type ApiKeyScope } from '@reelforge/contracts';
import { type Response } from 'express';
import { IsNull, LessThan, Or, type Repository } from 'typeorm';
import { parseApiKey, secretMatches } from './api-key-format.js';
import { REQUIRED_SCOPE } from './authenticated.decorator.js';
import { type AuthenticatedRequest } from './principal.js';
import { RateLimiter } from './rate-limiter.js';

/** `last_used_at` is a hint for admins; writing it on every request would put a write on every read. */
const LAST_USED_RESOLUTION_MS = 60_000;

function unauthorized(message: string): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'unauthorized', message });
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly logger = new Logger(ApiKeyGuard.name);
  /**
   * When this process last wrote each key's `last_used_at`. The conditional UPDATE alone still cost a database
   * round trip on every request (the hottest path: status polling); this keeps it to one per key per minute.
   */
  private readonly touchedAtMs = new Map<string, number>();

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly rateLimiter: RateLimiter,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();

    const presented = this.presentedKey(request);
    if (!presented) throw unauthorized('Missing API key: send X-API-Key or Authorization: Bearer');
    const parsed = parseApiKey(presented);
    if (!parsed) throw unauthorized('Malformed API key');

    const key = await this.keys.findOne({ where: { prefix: parsed.prefix } });
    if (!key || !secretMatches(parsed.secret, key.secretHash)) throw unauthorized('Unknown API key');
    if (key.revokedAt) throw unauthorized('API key has been revoked');
    const now = new Date();
    if (key.expiresAt && key.expiresAt <= now) throw unauthorized('API key has expired');

    const scope = this.reflector.get<ApiKeyScope | undefined>(REQUIRED_SCOPE, context.getHandler());
    if (scope && !key.scopes.includes(scope)) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'forbidden',
        message: `API key lacks the ${scope} scope`,
      });
    }

    await this.enforceRateLimit(key, response);
    request.principal = { tenantId: key.tenantId, apiKeyId: key.id, scopes: key.scopes as ApiKeyScope[] };
    this.touch(key.id, now);
    return true;
  }

  private presentedKey(request: AuthenticatedRequest): string | null {
    const header = request.header('x-api-key');
    if (header) return header.trim();
    const authorization = request.header('authorization');
    const bearer = authorization && /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return bearer ? bearer[1] : null;
  }

  private async enforceRateLimit(key: ApiKeyEntity, response: Response): Promise<void> {
    let decision;
    try {
      decision = await this.rateLimiter.admit(key.id, { minuteLimit: key.minuteLimit, dailyLimit: key.dailyLimit });
    } catch (error) {
      // Limits protect capacity; losing Redis must not also take reads down, so fail open and say so.
      this.logger.warn(`Rate limiter unavailable, admitting request: ${(error as Error).message}`);
      return;
    }
    response.setHeader('RateLimit-Limit', decision.limit);
    response.setHeader('RateLimit-Remaining', decision.remaining);
    response.setHeader('RateLimit-Reset', decision.resetSec);
    response.setHeader('RateLimit-Policy', `${key.minuteLimit};w=60, ${key.dailyLimit};w=86400`);
    if (!decision.admitted) {
      response.setHeader('Retry-After', decision.resetSec);
      throw new HttpException(
        {
          statusCode: 429,
          error: 'rate_limited',
          message: `Rate limit of ${decision.limit} requests per ${decision.window} reached; retry in ${decision.resetSec}s`,
          details: { window: decision.window, limit: decision.limit, retryAfterSec: decision.resetSec },
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  private touch(apiKeyId: string, now: Date): void {
    const lastMs = this.touchedAtMs.get(apiKeyId);
    if (lastMs !== undefined && now.getTime() - lastMs < LAST_USED_RESOLUTION_MS) return;
    // Bounded: a process serving very many keys forgets them all rather than growing without limit.
    if (this.touchedAtMs.size >= 10_000) this.touchedAtMs.clear();
    this.touchedAtMs.set(apiKeyId, now.getTime());
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    this.keys
      .update({ id: apiKeyId, lastUsedAt: Or(IsNull(), LessThan(staleBefore)) }, { lastUsedAt: now })
      .catch((error: unknown) => this.logger.warn(`Could not record last use of key ${apiKeyId}: ${String(error)}`));
  }
}
