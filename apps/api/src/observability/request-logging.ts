import { type HttpMetrics } from '@reelforge/observability';
import { type NextFunction, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { type Logger } from 'pino';
// `req.log` and `req.id` are declared by pino-http's types; nestjs-pino (useExisting) logs through `req.log`.
import type {} from 'pino-http';
import { type AuthenticatedRequest } from '../auth/principal.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** A caller's id is kept only when it is short and plain, so it cannot forge log fields or bloat lines. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * The route template (`/v1/jobs/:id`), never the raw path: ids in metric labels would grow the series
 * without bound. Express sets `req.route` once a route matched; mounted routers (the dashboard) have
 * only their mount point.
 */
export function routeOf(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  if (typeof route?.path === 'string') return `${request.baseUrl}${route.path}`;
  if (request.baseUrl) return request.baseUrl;
  return 'unmatched';
}

/** The path without its query: query strings may hold signed-URL parameters and login tokens. */
function pathOf(request: Request): string {
  const url = request.originalUrl ?? request.url;
  const queryAt = url.indexOf('?');
  return queryAt === -1 ? url : url.slice(0, queryAt);
}

/**
 * First middleware of the API: gives every request an id (the caller's `X-Request-Id` when valid,
 * echoed back), a logger bound to it, and when the response is done one access-log line and its
 * latency in the metrics. Headers are never logged, so no credential can end up in a line.
 */
export function requestLogging(
  root: Logger,
  metrics: HttpMetrics,
): (request: Request, response: Response, next: NextFunction) => void {
  return (request, response, next) => {
    const startedAt = process.hrtime.bigint();
    const given = request.header(REQUEST_ID_HEADER);
    const reqId = given && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
    request.id = reqId;
    request.log = root.child({ reqId });
    response.setHeader(REQUEST_ID_HEADER, reqId);

    let logged = false;
    const done = (): void => {
      if (logged) return;
      logged = true;
      const durationSec = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const route = routeOf(request);
      // A client that hangs up before the answer ends the request without a status of ours.
      const status = response.writableFinished ? response.statusCode : 499;
      metrics.requestDuration.observe({ method: request.method, route, status: String(status) }, durationSec);
      if (status === 429) metrics.rateLimitRejections.inc({ route });
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      request.log[level](
        {
          method: request.method,
          route,
          path: pathOf(request),
          status,
          durationMs: Math.round(durationSec * 1e6) / 1e3,
          tenantId: (request as AuthenticatedRequest).principal?.tenantId ?? null,
          ip: request.ip,
        },
        'request',
      );
    };
    response.once('finish', done);
    response.once('close', done);
    next();
  };
}
