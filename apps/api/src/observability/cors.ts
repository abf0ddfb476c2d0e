import { type CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface.js';
import { type AppConfig } from '@reelforge/config';

/**
 * CORS for browser front ends (an editor UI), off unless CORS_ORIGINS lists origins. No credentials:
 * the API authenticates by header, never by cookie, so a page needs its own key to call it.
 */
export function corsOptions(config: AppConfig): CorsOptions | null {
  const origins = config.observability.corsOrigins;
  if (origins.length === 0) return null;
  const allowed = new Set(origins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'Content-Type',
      'X-API-Key',
      'Authorization',
      'Idempotency-Key',
      'If-Match',
      'If-None-Match',
      'Range',
      'X-Request-Id',
    ],
    exposedHeaders: [
      'X-Request-Id',
      'Location',
      'ETag',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'RateLimit-Policy',
      'Content-Disposition',
      'Content-Range',
      'Accept-Ranges',
    ],
    credentials: false,
    // Browsers cap this (Chrome at 2 h); 10 minutes spares most preflights without pinning a stale policy.
    maxAge: 600,
    optionsSuccessStatus: 204,
  };
}
