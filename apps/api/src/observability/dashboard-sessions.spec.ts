import { loadAppConfig } from '@reelforge/config';
import { describe, expect, it } from 'vitest';
import { DashboardSessions, readCookie } from './dashboard-sessions.js';

const sessionsFor = (masterKey: string): DashboardSessions =>
  new DashboardSessions(loadAppConfig({ MASTER_KEY: masterKey, ADMIN_SESSION_TTL_SEC: '600' }));

describe(DashboardSessions.name, () => {
  const sessions = sessionsFor('master-key-for-unit-tests-01');
  const nowMs = Date.UTC(2026, 11, 4, 12);

  it('accepts its own token for its purpose until it expires', () => {
    const { token, expiresAt } = sessions.issue('session', nowMs);
    expect(expiresAt.getTime()).toBe(nowMs + 600_000);
    expect(sessions.verify(token, 'session', nowMs + 599_000)).toBe(true);
    expect(sessions.verify(token, 'session', nowMs + 600_000)).toBe(false);
  });

  it('keeps login links short-lived and never accepts one as a session or the reverse', () => {
    const login = sessions.issue('login', nowMs).token;
    const session = sessions.issue('session', nowMs).token;
    expect(sessions.verify(login, 'login', nowMs + 59_000)).toBe(true);
    expect(sessions.verify(login, 'login', nowMs + 60_000)).toBe(false);
    expect(sessions.verify(login, 'session', nowMs)).toBe(false);
    expect(sessions.verify(session, 'login', nowMs)).toBe(false);
  });

  it('refuses a token with a moved expiry, or signed under another master key', () => {
    const [purpose, expiresSec, signature] = sessions.issue('session', nowMs).token.split('.');
    expect(sessions.verify(`${purpose}.${Number(expiresSec) + 3600}.${signature}`, 'session', nowMs)).toBe(false);
    const other = sessionsFor('another-master-key-for-tests').issue('session', nowMs).token;
    expect(sessions.verify(other, 'session', nowMs)).toBe(false);
    expect(sessions.verify(undefined, 'session', nowMs)).toBe(false);
  });
});

describe(readCookie.name, () => {
  it('finds one cookie among several', () => {
    expect(readCookie('a=1; rf_dashboard=session.1.x; b=2', 'rf_dashboard')).toBe('session.1.x');
    expect(readCookie('rf_dashboard_old=1', 'rf_dashboard')).toBeUndefined();
    expect(readCookie(undefined, 'rf_dashboard')).toBeUndefined();
  });
});
