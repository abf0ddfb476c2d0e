import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DASHBOARD_PATH = '/admin/queues';
export const DASHBOARD_COOKIE = 'rf_dashboard';
/** The login link is for pasting into a browser right away; the cookie it sets lasts ADMIN_SESSION_TTL_SEC. */
export const LOGIN_TOKEN_TTL_SEC = 60;

type Purpose = 'login' | 'session';

/**
 * Stateless signed tokens for the queue dashboard: `<purpose>.<expiresAtSec>.<HMAC-SHA256>`, keyed by
 * a key derived from MASTER_KEY, so changing the master key ends every session and nothing is stored.
 */
@Injectable()
export class DashboardSessions {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createHmac('sha256', config.auth.masterKey).update('reelforge:dashboard-session:v1').digest();
  }

  get sessionTtlSec(): number {
    return this.config.observability.adminSessionTtlSec;
  }

  issue(purpose: Purpose, nowMs = Date.now()): { token: string; expiresAt: Date } {
    const ttlSec = purpose === 'login' ? LOGIN_TOKEN_TTL_SEC : this.sessionTtlSec;
    const expiresAtSec = Math.floor(nowMs / 1000) + ttlSec;
    const body = `${purpose}.${expiresAtSec}`;
    return { token: `${body}.${this.sign(body)}`, expiresAt: new Date(expiresAtSec * 1000) };
  }

  verify(token: string | undefined, purpose: Purpose, nowMs = Date.now()): boolean {
    const match = token ? /^(login|session)\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
    if (!match || match[1] !== purpose || Number(match[2]) * 1000 <= nowMs) return false;
    const expected = Buffer.from(this.sign(`${match[1]}.${match[2]}`));
    const given = Buffer.from(match[3]);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/** The value of one cookie from a Cookie header; no cookie-parser for the one cookie we read. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function sessionCookie(token: string, maxAgeSec: number, secure: boolean): string {
  // Strict: bull-board's actions are same-origin fetches, and no other site may ride on the cookie (CSRF).
  return [
    `${DASHBOARD_COOKIE}=${token}`,
    `Path=${DASHBOARD_PATH}`,
    `Max-Age=${maxAgeSec}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
