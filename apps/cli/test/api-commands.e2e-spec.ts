import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../../test/support/harness.js';
import { TEST_MASTER_KEY, testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';
import { runCli } from './run-cli.js';

/** The CLI's API commands against a listening API and worker. */
describe('reelforge API commands', () => {
  let harness: Harness;
  let url: string;
  const dir = mkdtempSync(join(tmpdir(), 'reelforge-cli-api-'));

  beforeAll(async () => {
    harness = await startHarness(testConfig());
    await harness.api.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(harness.api.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(() => harness?.close());

  it('creates a key, uploads, trims with --wait and downloads the result', async () => {
    const tenant = await harness.http
      .post('/v1/admin/tenants')
      .set('X-Master-Key', TEST_MASTER_KEY)
      .send({ name: 'cli' })
      .expect(201);
    const created = await runCli([
      'keys',
      'create',
      '--url',
      url,
      '--master-key',
      TEST_MASTER_KEY,
      '--tenant',
      tenant.body.id,
      '--name',
      'cli',
    ]);
    expect(created.code).toBe(0);
    const key = (JSON.parse(created.stdout) as { key: string }).key;
    expect(key).toMatch(/^rf_/);

    const uploaded = await runCli(['upload', testMedia.clip10s(), '--url', url, '--key', key]);
    expect(uploaded.code).toBe(0);
    const asset = JSON.parse(uploaded.stdout) as { id: string; kind: string };
    expect(asset.kind).toBe('video');

    const out = join(dir, 'trim.mp4');
    const trimmed = await runCli([
      'trim',
      asset.id,
      '--start',
      '1',
      '--end',
      '00:00:03.5',
      '--wait',
      '-o',
      out,
      '--url',
      url,
      '--key',
      key,
    ]);
    expect(trimmed.stderr).toContain('succeeded');
    expect(trimmed.code).toBe(0);
    const job = JSON.parse(trimmed.stdout) as { id: string; status: string; outputs: Array<{ variantId: string }> };
    expect(job.status).toBe('succeeded');
    const durationSec = Number(
      execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', out]).toString(),
    );
    expect(durationSec).toBeCloseTo(2.5, 0);

    // Chained: trim the trim by its variant id, then follow it with `jobs wait`.
    const chained = await runCli([
      'trim',
      job.outputs[0]!.variantId,
      '--variant',
      '--start',
      '0',
      '--end',
      '1',
      '--url',
      url,
      '--key',
      key,
    ]);
    expect(chained.code).toBe(0);
    const accepted = JSON.parse(chained.stdout) as { jobId: string };
    const waited = await runCli(['jobs', 'wait', accepted.jobId, '--url', url, '--key', key]);
    expect(waited.code).toBe(0);
    expect(JSON.parse(waited.stdout)).toMatchObject({ id: accepted.jobId, status: 'succeeded' });

    const refused = await runCli(['trim', asset.id, '--start', '5', '--end', '2', '--url', url, '--key', key]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('invalid_input (HTTP 400): end must be greater than start');
  }, 120_000);

  it('refuses a spec locally with the message the API gives for it', async () => {
    const body = {
      composition: {
        output: { widthPx: 320, heightPx: 240, durationSec: 2 },
        layers: [{ type: 'text', text: 'x', opacity: 3 }],
      },
    };
    const tenant = await harness.http
      .post('/v1/admin/tenants')
      .set('X-Master-Key', TEST_MASTER_KEY)
      .send({ name: 'cli-2' })
      .expect(201);
    const key = await harness.http
      .post('/v1/admin/keys')
      .set('X-Master-Key', TEST_MASTER_KEY)
      .send({ tenantId: tenant.body.id, name: 'k', minuteLimit: 100, dailyLimit: 100 })
      .expect(201);
    const api = await harness.http.post('/v1/generate').set('X-API-Key', key.body.key).send(body).expect(400);

    const spec = join(dir, 'bad.json');
    writeFileSync(spec, JSON.stringify(body));
    const local = await runCli(['render', spec, '-o', join(dir, 'bad.mp4')]);
    expect(local.code).toBe(1);
    expect(local.stderr.split('\n')[0]).toBe(`invalid_input: ${api.body.message as string}`);
  });

  it('says which setting is missing', async () => {
    const result = await runCli(['upload', testMedia.clip10s(), '--url', url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('REELFORGE_API_KEY');
  });
});
