import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { type INestApplication } from '@nestjs/common';
import { type AppConfig } from '@reelforge/config';
import { type NextFunction, type Request, type Response } from 'express';
import { constantTimeEquals } from '../auth/api-key-format.js';
import {
  DASHBOARD_COOKIE,
  DASHBOARD_PATH,
  DashboardSessions,
  readCookie,
  sessionCookie,
} from './dashboard-sessions.js';
import { QueueInspector } from './queue-inspector.js';

function deny(response: Response, statusCode: 401 | 403, message: string): void {
  response.status(statusCode).json({ statusCode, error: statusCode === 401 ? 'unauthorized' : 'forbidden', message });
}

const normaliseIp = (ip: string): string => (ip.startsWith('::ffff:') ? ip.slice(7) : ip);

/**
 * bull-board at /admin/queues, for the master key only: the `X-Master-Key` header (scripts), or the
 * signed HttpOnly cookie a browser gets from the login link of `POST /v1/admin/dashboard/session`.
 * Mounted on Express before Nest's router, so it is guarded here rather than by a Nest guard.
 */
export function mountQueueDashboard(app: INestApplication, config: AppConfig): void {
  const sessions = app.get(DashboardSessions);
  const queues = app.get(QueueInspector).queues;
  const allowedIps = new Set(config.auth.masterIps.map(normaliseIp));

  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Reelforge queues' } },
  });

  const guard = (request: Request, response: Response, next: NextFunction): void => {
    if (allowedIps.size > 0 && !allowedIps.has(normaliseIp(request.ip ?? ''))) {
      deny(response, 403, 'The queue dashboard is not open to this address');
      return;
    }
    const header = request.header('x-master-key');
    if (header !== undefined) {
      if (constantTimeEquals(header, config.auth.masterKey)) next();
      else deny(response, 401, 'Wrong master key');
      return;
    }
    if (sessions.verify(readCookie(request.header('cookie'), DASHBOARD_COOKIE), 'session')) {
      next();
      return;
    }
    deny(response, 401, 'Send X-Master-Key, or open the login link from POST /v1/admin/dashboard/session');
  };

  const login = (request: Request, response: Response): void => {
    const token = typeof request.query.token === 'string' ? request.query.token : undefined;
    if (allowedIps.size > 0 && !allowedIps.has(normaliseIp(request.ip ?? ''))) {
      deny(response, 403, 'The queue dashboard is not open to this address');
      return;
    }
    if (!sessions.verify(token, 'login')) {
      deny(response, 401, 'The login link is invalid or expired; ask POST /v1/admin/dashboard/session for a new one');
      return;
    }
    const session = sessions.issue('session');
    response.setHeader('Set-Cookie', sessionCookie(session.token, sessions.sessionTtlSec, request.secure));
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(303, DASHBOARD_PATH);
  };

  app.use(`${DASHBOARD_PATH}/login`, login);
  app.use(DASHBOARD_PATH, guard, serverAdapter.getRouter());
}
