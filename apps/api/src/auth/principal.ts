import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type ApiKeyScope } from '@reelforge/contracts';
import { type Request } from 'express';

/** Who is calling, resolved by ApiKeyGuard. Every owner-scoped query takes `tenantId` from here. */
export interface ApiPrincipal {
  tenantId: string;
  apiKeyId: string;
  scopes: readonly ApiKeyScope[];
}

export type AuthenticatedRequest = Request & { principal?: ApiPrincipal };

export const Principal = createParamDecorator((_data: unknown, context: ExecutionContext): ApiPrincipal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('Principal requested on a route without ApiKeyGuard');
  return principal;
});
