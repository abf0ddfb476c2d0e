import { ReelforgeApiError, ReelforgeClient, ReelforgeJobError, type JobProgress } from '@reelforge/client';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../../test/support/harness.js';
import { TEST_MASTER_KEY, testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';

function probe(path: string): { durationSec: number; codecs: string[] } {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration:stream=codec_name',
    '-of',
    'json',
    path,
  ]);
  const json = JSON.parse(out.toString()) as { format: { duration: string }; streams: Array<{ codec_name: string }> };
  return { durationSec: Number(json.format.duration), codecs: json.streams.map((s) => s.codec_name) };
}

/** The main flows through the typed client (@reelforge/client) against a listening API and a worker. */
describe('ReelforgeClient', () => {
  let harness: Harness;
  let baseUrl: string;
  let client: ReelforgeClient;
  const dir = mkdtempSync(join(tmpdir(), 'reelforge-client-'));

  beforeAll(async () => {
    harness = await startHarness(testConfig());
    await harness.api.listen(0, '127.0.0.1');
    const { port } = harness.api.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    const admin = new ReelforgeClient({ baseUrl, masterKey: TEST_MASTER_KEY });
    const tenant = await admin.createTenant({ name: `client-${Date.now()}` });
    const key = await admin.createKey({
      tenantId: tenant.id,
      name: 'client',
      minuteLimit: 10_000,
      dailyLimit: 100_000,
    });
    client = new ReelforgeClient({ baseUrl, apiKey: key.key });
  });

  afterAll(() => harness?.close());

  it('uploads, trims, follows the job over its event stream and downloads the result', async () => {
    const asset = await client.uploadFile(testMedia.clip10s());
    expect(asset).toMatchObject({ kind: 'video', durationSec: expect.closeTo(10, 1) });

    const accepted = await client.trim({ assetId: asset.id, start: 2, end: '00:00:05.5' });
    expect(accepted.status).toBe('queued');

    const seen: JobProgress[] = [];
    const job = await client.waitForJob(accepted.jobId, { onProgress: (progress) => seen.push(progress) });
    expect(job.status).toBe('succeeded');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toMatchObject({ status: 'succeeded', progress: 100 });

    const out = join(dir, 'trimmed.mp4');
    const bytes = await client.downloadJobResult(job.id, out);
    expect(bytes).toBe(statSync(out).size);
    const facts = probe(out);
    expect(facts.durationSec).toBeCloseTo(3.5, 0);
    expect(facts.codecs).toEqual(expect.arrayContaining(['h264', 'aac']));

    const variant = await client.getVariant(job.outputs[0]!.variantId);
    expect(variant).toMatchObject({ kind: 'trim', sourceAssetId: asset.id });
  });

  it('throws typed errors carrying the API error code', async () => {
    const asset = await client.uploadFile(testMedia.clip10s());
    const invalid = await client.trim({ assetId: asset.id, start: 5, end: 2 }).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(ReelforgeApiError);
    expect(invalid).toMatchObject({ status: 400, code: 'invalid_input', message: 'end must be greater than start' });

    const missing = await client.getJob('00000000-0000-4000-8000-000000000000').catch((error: unknown) => error);
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });

    const stranger = new ReelforgeClient({ baseUrl, apiKey: 'rf_000000000000_nope' });
    await expect(stranger.getJob(asset.id)).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    await expect(client.waitForJob('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('stops waiting when its signal aborts, and can throw on a failed job', async () => {
    const asset = await client.uploadFile(testMedia.clip10s());
    const accepted = await client.trim({ assetId: asset.id, start: 0, end: 1 });
    const controller = new AbortController();
    controller.abort(new Error('gave up'));
    await expect(client.waitForJob(accepted.jobId, { signal: controller.signal })).rejects.toThrow('gave up');
    // The job itself went on.
    expect((await client.waitForJob(accepted.jobId)).status).toBe('succeeded');

    const canceled = await client.trim({ assetId: asset.id, start: 0, end: 9 }, { idempotencyKey: 'cancel-me' });
    await cancelJob(client, canceled.jobId);
    const error: unknown = await client.waitForJob(canceled.jobId, { throwOnFailure: true }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ReelforgeJobError);
    expect((error as ReelforgeJobError).job.status).toBe('canceled');
  });
});

async function cancelJob(client: ReelforgeClient, id: string): Promise<void> {
  const { response } = await client.api.POST('/v1/jobs/{id}/cancel', { params: { path: { id } } });
  // 409 would mean the trim already finished, leaving nothing to show: fail loudly then.
  expect(response.status).toBe(200);
}
