import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenantWithKey,
  type Harness,
  startHarness,
  type TenantKey,
  waitForJob,
} from '../../../test/support/harness.js';
import { testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';

const MAX_UPLOAD_BYTES = 3 * 1024 * 1024;

interface Origin {
  server: Server;
  base: string;
  port: number;
  /** Every path requested, in order. */
  seen: string[];
}

/** An HTTP server on `host` whose routes answer bodies or real redirects. */
async function origin(
  host: string,
  routes: Record<string, (origin: Origin) => { status: number; headers?: Record<string, string>; body?: Buffer }>,
): Promise<Origin> {
  const self = { seen: [] as string[] } as Origin;
  self.server = createServer((request, response) => {
    const path = request.url ?? '/';
    self.seen.push(path);
    const route = routes[path];
    if (!route) {
      response.writeHead(404).end();
      return;
    }
    const answer = route(self);
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => self.server.listen(0, host, resolve));
  self.port = (self.server.address() as AddressInfo).port;
  self.base = `http://${host}:${self.port}`;
  return self;
}

const redirect = (status: number, location: string) => ({ status, headers: { location } });
const mp4 = (body: Buffer) => ({ status: 200, headers: { 'content-type': 'video/mp4' }, body });

describe('URL import', () => {
  let harness: Harness;
  let tenant: TenantKey;
  // 127.0.0.2 is the one private address NET_ALLOW_CIDRS lets through; 127.0.0.1 keeps the default policy.
  let allowed: Origin;
  let loopback: Origin;
  const clip = readFileSync(testMedia.clip10s());

  beforeAll(async () => {
    loopback = await origin('127.0.0.1', { '/clip.mp4': () => mp4(clip) });
    allowed = await origin('127.0.0.2', {
      '/clip.mp4': () => mp4(clip),
      '/chain': (self) => redirect(301, `${self.base}/chain-2`),
      '/chain-2': () => redirect(302, '/chain-3'),
      '/chain-3': () => redirect(307, '/clip.mp4'),
      '/to-loopback': () => redirect(302, `${loopback.base}/clip.mp4`),
      '/to-private': () => redirect(301, 'http://10.0.0.5/clip.mp4'),
      '/to-metadata': () => redirect(307, 'http://169.254.169.254/latest/meta-data/'),
      '/to-ipv6-loopback': () => redirect(302, `http://[::1]:${loopback.port}/clip.mp4`),
      '/to-mapped-loopback': () => redirect(302, `http://[::ffff:127.0.0.1]:${loopback.port}/clip.mp4`),
      '/to-file': () => redirect(302, 'file:///etc/passwd'),
      // An HLS playlist dressed as an mp4: its segment is on the allowed host, so a fetch of it would show up here.
      '/playlist.mp4': (self) =>
        mp4(Buffer.from(`#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n${self.base}/secret.ts\n#EXT-X-ENDLIST\n`)),
      '/secret.ts': () => mp4(clip),
      '/big.mp4': () => mp4(randomBytes(MAX_UPLOAD_BYTES + 1024)),
      '/red.png': () => ({
        status: 200,
        headers: { 'content-type': 'image/png' },
        body: readFileSync(testMedia.png64()),
      }),
      '/gone.mp4': () => ({ status: 410 }),
    });
    harness = await startHarness(
      testConfig((config) => {
        config.net.allowCidrs = ['127.0.0.2/32'];
        config.media.maxUploadBytes = MAX_UPLOAD_BYTES;
      }),
    );
    tenant = await createTenantWithKey(harness);
  });

  afterAll(async () => {
    await harness?.close();
    allowed?.server.close();
    loopback?.server.close();
  });

  const importUrl = (body: Record<string, unknown>, idempotencyKey?: string) => {
    const call = harness.http.post('/v1/assets/import').set('X-API-Key', tenant.key);
    if (idempotencyKey) call.set('Idempotency-Key', idempotencyKey);
    return call.send(body);
  };

  /** Imports and waits for the job to end; returns the job and the pre-allocated asset id. */
  async function runImport(body: Record<string, unknown>): Promise<{ job: Record<string, unknown>; assetId: string }> {
    const accepted = await importUrl(body).expect(202);
    expect(accepted.body).toMatchObject({ status: 'queued', links: { self: `/v1/jobs/${accepted.body.jobId}` } });
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string);
    return { job, assetId: accepted.body.assetId as string };
  }

  const tempEntries = (): string[] => readdirSync(join(harness.config.storage.mediaRoot, 'tmp'));

  it('refuses anything but an absolute http(s) URL, and unknown kinds, with 400', async () => {
    for (const url of ['ftp://example.com/a.mp4', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', 42]) {
      const response = await importUrl({ url }).expect(400);
      expect(JSON.stringify(response.body)).toContain('url');
    }
    await importUrl({ url: `https://example.com/${'a'.repeat(2048)}` }).expect(400);
    await importUrl({ url: 'https://user:pw@example.com/a.mp4' }).expect(400);
    await importUrl({ url: `${allowed.base}/clip.mp4`, kind: 'font' }).expect(400);
    await importUrl({}).expect(400);
  });

  it('imports a video through a 301 -> 302 -> 307 chain into the pre-allocated asset, with a poster', async () => {
    const { job, assetId } = await runImport({ url: `${allowed.base}/chain`, kind: 'video' });
    expect(job).toMatchObject({ status: 'succeeded', type: 'import', request: { assetId } });
    expect(allowed.seen).toEqual(expect.arrayContaining(['/chain', '/chain-2', '/chain-3', '/clip.mp4']));

    const asset = (await harness.http.get(`/v1/assets/${assetId}`).set('X-API-Key', tenant.key).expect(200)).body;
    expect(asset).toMatchObject({
      id: assetId,
      kind: 'video',
      origin: 'url',
      originalName: 'clip.mp4',
      mime: 'video/mp4',
      sizeBytes: clip.length,
      width: 320,
      height: 240,
      hasAudio: true,
    });
    const content = await harness.http.get(`/v1/assets/${assetId}/content`).set('X-API-Key', tenant.key).expect(200);
    expect(Number(content.headers['content-length'])).toBe(clip.length);

    const posters = await harness.http.get('/v1/jobs?type=thumbnail').set('X-API-Key', tenant.key).expect(200);
    const poster = (posters.body.items as Array<Record<string, unknown>>).find(
      (item) => (item.request as { assetId?: string }).assetId === assetId,
    );
    expect(poster).toBeDefined();
    expect(await waitForJob(harness, tenant.key, poster?.id as string)).toMatchObject({ status: 'succeeded' });
    expect(tempEntries()).toEqual([]);
  });

  it('answers the first job and asset id again for a repeated Idempotency-Key', async () => {
    const body = { url: `${allowed.base}/red.png` };
    const first = await importUrl(body, 'import-once').expect(202);
    const again = await importUrl(body, 'import-once').expect(202);
    expect(again.body).toMatchObject({ jobId: first.body.jobId, assetId: first.body.assetId });
    await importUrl({ url: `${allowed.base}/clip.mp4` }, 'import-once').expect(409);
    expect(await waitForJob(harness, tenant.key, first.body.jobId as string)).toMatchObject({ status: 'succeeded' });
  });

  it.each([
    ['a direct loopback URL', () => `${loopback.base}/clip.mp4`, '127.0.0.1 is loopback'],
    ['a redirect to 127.0.0.1', () => `${allowed.base}/to-loopback`, '127.0.0.1 is loopback'],
    ['a redirect to 10.0.0.5', () => `${allowed.base}/to-private`, '10.0.0.5 is private'],
    ['a redirect to the metadata address', () => `${allowed.base}/to-metadata`, '169.254.169.254 is link-local'],
    ['a redirect to [::1]', () => `${allowed.base}/to-ipv6-loopback`, '::1 is unspecified, loopback'],
    ['a redirect to ::ffff:127.0.0.1', () => `${allowed.base}/to-mapped-loopback`, 'embeds 127.0.0.1'],
    ['a redirect to a file: URL', () => `${allowed.base}/to-file`, 'Refused file: URL'],
  ])('refuses %s as invalid_input, naming why, and makes no asset', async (_name, url, reason) => {
    const before = loopback.seen.length;
    const { job, assetId } = await runImport({ url: url() });
    expect(job).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'invalid_input' } });
    expect((job.error as { message: string }).message).toContain(reason);
    expect(loopback.seen.length).toBe(before);
    await harness.http.get(`/v1/assets/${assetId}`).set('X-API-Key', tenant.key).expect(404);
    expect(tempEntries()).toEqual([]);
  });

  it('refuses a playlist served as video/mp4 as invalid media without fetching what it names', async () => {
    const { job, assetId } = await runImport({ url: `${allowed.base}/playlist.mp4` });
    expect(job).toMatchObject({ status: 'failed', error: { code: 'invalid_media' } });
    expect(allowed.seen).toContain('/playlist.mp4');
    expect(allowed.seen).not.toContain('/secret.ts');
    await harness.http.get(`/v1/assets/${assetId}`).set('X-API-Key', tenant.key).expect(404);
    expect(tempEntries()).toEqual([]);
  });

  it('refuses a body over MAX_UPLOAD_BYTES', async () => {
    const { job } = await runImport({ url: `${allowed.base}/big.mp4` });
    expect(job).toMatchObject({ status: 'failed', error: { code: 'payload_too_large' } });
    expect(tempEntries()).toEqual([]);
  });

  it('fails when the probed kind is not the expected one, and on a 4xx answer, without retrying', async () => {
    const mismatch = await runImport({ url: `${allowed.base}/red.png`, kind: 'video' });
    expect(mismatch.job).toMatchObject({ status: 'failed', error: { code: 'invalid_media' } });
    expect((mismatch.job.error as { message: string }).message).toBe(
      'Expected video, but the URL serves image (image/png)',
    );
    const gone = await runImport({ url: `${allowed.base}/gone.mp4` });
    expect(gone.job).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'invalid_input' } });
    expect((gone.job.error as { message: string }).message).toContain('answered 410');
    expect(tempEntries()).toEqual([]);
  });

  it('fails a host name that does not exist at once, saying so, instead of retrying it as internal', async () => {
    // .invalid is reserved never to resolve (RFC 6761), with or without a network.
    const { job } = await runImport({ url: 'http://reelforge-no-such-host.invalid/clip.mp4' });
    expect(job).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'invalid_input' } });
    expect((job.error as { message: string }).message).toBe(
      "The host reelforge-no-such-host.invalid does not exist: DNS has no address for it; check the URL's host name",
    );
  });
});
