import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiSecurity, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { type ApiKeyScope } from '@reelforge/contracts';
import { ApiErrorDto } from '../http/api-error.dto.js';
import { ApiKeyGuard } from './api-key.guard.js';

export const REQUIRED_SCOPE = 'reelforge:required-scope';

/** A tenant route: a valid, unexpired, unrevoked key holding `scope`, within its rate limits. */
export function Authenticated(scope: ApiKeyScope): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_SCOPE, scope),
    UseGuards(ApiKeyGuard),
    ApiSecurity('api-key'),
    ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, unknown, revoked or expired key' }),
    ApiTooManyRequestsResponse({
      type: ApiErrorDto,
      description: 'Rate limit reached; see Retry-After and RateLimit-* headers',
    }),
    ApiHeader({ name: 'X-API-Key', required: false, description: 'rf_<prefix>_<secret> (or Authorization: Bearer)' }),
  );
}
