import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenantWithKey,
  type Harness,
  startHarness,
  type TenantKey,
  uploadAsset,
  waitForJob,
} from '../../../test/support/harness.js';
import { testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';

const scratch = mkdtempSync(join(tmpdir(), 'reelforge-captions-e2e-'));

function scratchFile(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

describe('asset analysis and captions', () => {
  let harness: Harness;
  let tenant: TenantKey;
  let other: TenantKey;

  beforeAll(async () => {
    // The worker starts later, so the first requests see the analysis job still queued.
    harness = await startHarness(testConfig(), { worker: false });
    [tenant, other] = [await createTenantWithKey(harness), await createTenantWithKey(harness)];
  });

  afterAll(() => harness?.close());

  const analysis = (key: string, assetId: string) =>
    harness.http.get(`/v1/assets/${assetId}/analysis`).set('X-API-Key', key);

  it('queues one analysis job, then answers the cached tempo of a 120 BPM click track', async () => {
    const track = await uploadAsset(harness, tenant.key, testMedia.clicks120bpm());
    const first = await analysis(tenant.key, track.id as string).expect(202);
    expect(first.headers.location).toBe(`/v1/jobs/${first.body.jobId}`);
    expect(first.body).toMatchObject({ status: 'queued', links: { self: `/v1/jobs/${first.body.jobId}` } });
    const again = await analysis(tenant.key, track.id as string).expect(202);
    expect(again.body.jobId).toBe(first.body.jobId);

    await harness.startWorker();
    const job = await waitForJob(harness, tenant.key, first.body.jobId as string);
    expect(job).toMatchObject({ status: 'succeeded', type: 'analysis', request: { assetId: track.id } });

    const done = await analysis(tenant.key, track.id as string).expect(200);
    expect(Math.abs((done.body.tempoBpm as number) - 120) / 120).toBeLessThan(0.02);
    expect(done.body.confidence).toBeGreaterThan(0.1);
    expect(done.body.analysedSec).toBeCloseTo(12, 0);
    const beats = done.body.beats as number[];
    expect(beats.length).toBeGreaterThan(15);
    for (const beat of beats.filter((t) => t > 1 && t < 11)) {
      expect(Math.abs(beat - Math.round(beat * 2) / 2)).toBeLessThanOrEqual(0.05);
    }
    expect((done.body.onsets as number[]).length).toBeGreaterThan(15);
  });

  it('answers 422 for an asset without audio, naming why', async () => {
    const image = await uploadAsset(harness, tenant.key, testMedia.png64());
    const response = await analysis(tenant.key, image.id as string).expect(422);
    expect(response.body.message).toContain('has no audio stream');
  });

  it("answers 404 for another tenant's asset", async () => {
    const track = await uploadAsset(harness, other.key, testMedia.wav3s());
    await analysis(tenant.key, track.id as string).expect(404);
    await analysis(other.key, track.id as string).expect(202);
  });

  it('stores an SRT upload as a subtitles asset, without ffprobe or a poster', async () => {
    const srt = scratchFile(
      'talk.srt',
      '1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Hello</i>\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,250\r\nTwo\r\nlines\r\n',
    );
    const asset = await uploadAsset(harness, tenant.key, srt);
    expect(asset).toMatchObject({
      kind: 'subtitles',
      origin: 'upload',
      mime: 'application/x-subrip',
      originalName: 'talk.srt',
      durationSec: 4.25,
      hasVideo: false,
      hasAudio: false,
    });
    const vtt = scratchFile('talk.vtt', '\uFEFFWEBVTT\n\n00:01.000 --> 00:02.000 align:start\nHi\n');
    expect(await uploadAsset(harness, tenant.key, vtt)).toMatchObject({ kind: 'subtitles', mime: 'text/vtt' });
  });

  it('refuses a malformed SRT with 400 naming the line', async () => {
    const bad = scratchFile('bad.srt', '1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:03,000 -> 00:00:04,000\nB\n');
    const response = await harness.http.post('/v1/assets').set('X-API-Key', tenant.key).attach('file', bad).expect(400);
    expect(response.body.message).toBe('Captions line 6: expected a timing line "start --> end"');
  });
});
