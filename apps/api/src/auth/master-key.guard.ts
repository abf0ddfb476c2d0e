import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { type Request } from 'express';
import { constantTimeEquals } from './api-key-format.js';

/** `::ffff:10.0.0.1` and `10.0.0.1` are the same caller. */
function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

@Injectable()
export class MasterKeyGuard implements CanActivate {
  private readonly allowedIps: Set<string>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.allowedIps = new Set(config.auth.masterIps.map(normaliseIp));
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (this.allowedIps.size > 0 && !this.allowedIps.has(normaliseIp(request.ip ?? ''))) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'forbidden',
        message: 'Admin routes are not open to this address',
      });
    }
    const given = request.header('x-master-key');
    if (!given) {
      throw new UnauthorizedException({ statusCode: 401, error: 'unauthorized', message: 'Missing X-Master-Key' });
    }
    if (!constantTimeEquals(given, this.config.auth.masterKey)) {
      throw new UnauthorizedException({ statusCode: 401, error: 'unauthorized', message: 'Wrong master key' });
    }
    return true;
  }
}
