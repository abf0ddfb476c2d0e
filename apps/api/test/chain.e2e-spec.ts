import { ReelforgeApiError, ReelforgeClient } from '@reelforge/client';
import { VariantEntity } from '@reelforge/db';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../../test/support/harness.js';
import { TEST_MASTER_KEY, testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';

function probe(path: string): { durationSec: number; width: number; height: number } {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=width,height:format=duration',
    '-of',
    'json',
    path,
  ]);
  const json = JSON.parse(out.toString()) as {
    format: { duration: string };
    streams: Array<{ width: number; height: number }>;
  };
  return { durationSec: Number(json.format.duration), width: json.streams[0]!.width, height: json.streams[0]!.height };
}

/** Operations on outputs: trim -> overlay -> transcode with no download and re-upload, and what is refused. */
describe('chained operations (source: {variantId})', () => {
  let harness: Harness;
  let client: ReelforgeClient;
  let baseUrl: string;
  let assetId: string;
  const dir = mkdtempSync(join(tmpdir(), 'reelforge-chain-'));

  const variantRow = (id: string) => harness.api.get(DataSource).getRepository(VariantEntity).findOneByOrFail({ id });
  const error = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (caught: unknown) => caught as ReelforgeApiError,
    );

  beforeAll(async () => {
    harness = await startHarness(testConfig());
    await harness.api.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(harness.api.getHttpServer().address() as AddressInfo).port}`;
    const admin = new ReelforgeClient({ baseUrl, masterKey: TEST_MASTER_KEY });
    const tenant = await admin.createTenant({ name: `chain-${Date.now()}` });
    const key = await admin.createKey({ tenantId: tenant.id, name: 'chain', minuteLimit: 10_000, dailyLimit: 100_000 });
    client = new ReelforgeClient({ baseUrl, apiKey: key.key });
    assetId = (await client.uploadFile(testMedia.clip10s())).id;
  });

  afterAll(() => harness?.close());

  it('trims, overlays the trim and transcodes the overlay, recording each source variant and the root asset', async () => {
    const trim = await client.waitForJob(
      (await client.trim({ source: { assetId }, start: 1, end: 5, mode: 'accurate' })).jobId,
      { throwOnFailure: true },
    );
    const trimmedId = trim.outputs[0]!.variantId;

    const overlay = await client.waitForJob(
      (
        await client.overlays({
          source: { variantId: trimmedId },
          layers: [{ type: 'image', source: { library: 'overlays/sparkles.png' }, scale: 0.3 }],
        })
      ).jobId,
      { throwOnFailure: true },
    );
    const overlaidId = overlay.outputs[0]!.variantId;

    // The ladder is planned against the variant (320x240): 360p is above it and skipped, 240p is made.
    const accepted = await client.transcode({ source: { variantId: overlaidId }, qualities: ['240p', '360p'] });
    expect(accepted.skipped.map((skipped) => skipped.quality)).toEqual(['360p']);
    const transcode = await client.waitForJob(accepted.jobId, { throwOnFailure: true });
    const transcodedId = transcode.outputs[0]!.variantId;

    expect(await variantRow(trimmedId)).toMatchObject({ sourceAssetId: assetId, sourceVariantId: null });
    expect(await variantRow(overlaidId)).toMatchObject({ sourceAssetId: assetId, sourceVariantId: trimmedId });
    expect(await variantRow(transcodedId)).toMatchObject({
      sourceAssetId: assetId,
      sourceVariantId: overlaidId,
      kind: 'transcode',
      quality: '240p',
    });
    // Each chained output is listed under the root asset.
    const listed = await client.api.GET('/v1/assets/{id}/variants', { params: { path: { id: assetId } } });
    expect((listed.data ?? []).map((variant) => variant.id)).toEqual(
      expect.arrayContaining([trimmedId, overlaidId, transcodedId]),
    );

    const out = join(dir, 'chained.mp4');
    await client.downloadVariant(transcodedId, out);
    const facts = probe(out);
    expect(facts.durationSec).toBeCloseTo(4, 0);
    expect(facts).toMatchObject({ width: 320, height: 240 });
  }, 120_000);

  it('takes variants in thumbnails, watermark and generate compositions', async () => {
    const trim = await client.waitForJob((await client.trim({ assetId, start: 0, end: 3 })).jobId, {
      throwOnFailure: true,
    });
    const trimmedId = trim.outputs[0]!.variantId;

    const thumbs = await client.waitForJob(
      (await client.thumbnails({ source: { variantId: trimmedId }, times: [1] })).jobId,
      { throwOnFailure: true },
    );
    expect(await variantRow(thumbs.outputs[0]!.variantId)).toMatchObject({ sourceVariantId: trimmedId });

    const watermark = await client.waitForJob(
      (
        await client.watermark({
          source: { variantId: trimmedId },
          image: { library: 'overlays/reelforge-logo.png' },
        })
      ).jobId,
      { throwOnFailure: true },
    );
    expect(await variantRow(watermark.outputs[0]!.variantId)).toMatchObject({
      sourceVariantId: trimmedId,
      sourceAssetId: assetId,
    });

    const generated = await client.api.POST('/v1/generate', {
      body: {
        composition: {
          output: { widthPx: 160, heightPx: 120, fps: 10, durationSec: 2 },
          layers: [{ type: 'video', source: { variantId: trimmedId } }],
        },
      },
    });
    expect(generated.response.status).toBe(202);
    const job = await client.waitForJob((generated.data as { jobId: string }).jobId, { throwOnFailure: true });
    const out = join(dir, 'generated.mp4');
    await client.downloadJobResult(job.id, out);
    expect(probe(out)).toMatchObject({ width: 160, height: 120 });
  }, 120_000);

  it('refuses a bad source with a 4xx naming the field', async () => {
    const trim = await client.waitForJob((await client.trim({ assetId, start: 0, end: 2 })).jobId, {
      throwOnFailure: true,
    });
    const trimmedId = trim.outputs[0]!.variantId;

    const both = await error(client.trim({ assetId, source: { variantId: trimmedId }, start: 0, end: 1 }));
    expect(both).toMatchObject({ status: 400, code: 'invalid_input', details: { field: 'source' } });
    const neither = await error(client.trim({ start: 0, end: 1 }));
    expect(neither).toMatchObject({ status: 400, details: { field: 'source' } });
    const twoInOne = await error(client.trim({ source: { assetId, variantId: trimmedId }, start: 0, end: 1 }));
    expect(twoInOne).toMatchObject({ status: 400, message: 'source must have exactly one of assetId or variantId' });
    const notUuid = await error(client.trim({ source: { variantId: 'nope' }, start: 0, end: 1 }));
    expect(notUuid).toMatchObject({ status: 400, code: 'invalid_input' });
    expect(notUuid?.message).toContain('variantId');
    const unknownKey = await error(
      client.api
        .POST('/v1/trim', { body: { source: { path: '/etc/passwd' }, start: 0, end: 1 } as never })
        .then((r) => {
          if (r.error) throw new ReelforgeApiError(r.response.status, r.error);
        }),
    );
    expect(unknownKey).toMatchObject({ status: 400 });

    // Past the end of the variant (2 s), not of the asset (10 s).
    const late = await error(client.trim({ source: { variantId: trimmedId }, start: 3, end: 4 }));
    expect(late).toMatchObject({ status: 400, details: { field: 'start' } });

    // Another tenant's variant looks like no variant at all.
    const admin = new ReelforgeClient({ baseUrl, masterKey: TEST_MASTER_KEY });
    const other = await admin.createTenant({ name: `chain-other-${Date.now()}` });
    const otherKey = await admin.createKey({ tenantId: other.id, name: 'x', minuteLimit: 100, dailyLimit: 100 });
    const stranger = new ReelforgeClient({ baseUrl, apiKey: otherKey.key });
    const foreign = await error(stranger.trim({ source: { variantId: trimmedId }, start: 0, end: 1 }));
    expect(foreign).toMatchObject({ status: 404, code: 'not_found', details: { field: 'source.variantId' } });
    const foreignGenerate = await stranger.api.POST('/v1/generate', {
      body: {
        composition: {
          output: { widthPx: 160, heightPx: 120, fps: 10, durationSec: 1 },
          layers: [{ type: 'video', source: { variantId: trimmedId } }],
        },
      },
    });
    expect(foreignGenerate.response.status).toBe(404);

    // An HLS package is a playlist and segments, not one file: 422 naming the field.
    const hls = await client.waitForJob(
      (await client.transcode({ source: { variantId: trimmedId }, qualities: ['240p'], format: 'hls' })).jobId,
      { throwOnFailure: true },
    );
    const master = await error(client.trim({ source: { variantId: hls.outputs[0]!.variantId }, start: 0, end: 1 }));
    expect(master).toMatchObject({ status: 422, code: 'invalid_media', details: { field: 'source.variantId' } });
    expect(master?.message).toContain('not a single media file');

    // A thumbnail (JPEG) is an image: operations that need a video say so.
    const thumbs = await client.waitForJob((await client.thumbnails({ assetId, times: [1] })).jobId, {
      throwOnFailure: true,
    });
    const still = await error(
      client.transcode({ source: { variantId: thumbs.outputs[0]!.variantId }, qualities: ['240p'] }),
    );
    expect(still).toMatchObject({ status: 422, code: 'invalid_media' });
  }, 120_000);
});
