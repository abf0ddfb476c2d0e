import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
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

/** A real font that is not bundled; Debian's fonts-dejavu-core (installed by .ci/run when missing). */
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';

describe('font assets', () => {
  let harness: Harness;
  let tenant: TenantKey;
  let other: TenantKey;
  let fontPath: string;

  beforeAll(async () => {
    if (!existsSync(DEJAVU)) throw new Error(`${DEJAVU} is missing: apt-get install fonts-dejavu-core`);
    harness = await startHarness(testConfig());
    tenant = await createTenantWithKey(harness);
    other = await createTenantWithKey(harness);
    fontPath = join(harness.config.storage.mediaRoot, 'brand.ttf');
    copyFileSync(DEJAVU, fontPath);
  });

  afterAll(() => harness?.close());

  const preview = (key: string, fontFamily: string) =>
    harness.http
      .post('/v1/text/preview')
      .set('X-API-Key', key)
      .set('Accept', 'application/json')
      .send({ text: 'Brand 123', fontFamily, fontSizePx: 40, color: '#000000', boxWidthPx: 400 });

  it('accepts a font upload, validated in a child process, and names its family', async () => {
    const asset = await uploadAsset(harness, tenant.key, fontPath);
    expect(asset).toMatchObject({ kind: 'font', mime: 'font/ttf', fontFamily: 'DejaVu Sans Mono', hasVideo: false });
  });

  it('makes the family usable by name for that tenant only', async () => {
    const mine = await preview(tenant.key, 'DejaVu Sans Mono').expect(200);
    expect(mine.body).toMatchObject({ missingGlyphs: [], overflow: false });
    const theirs = await preview(other.key, 'DejaVu Sans Mono').expect(400);
    expect(JSON.stringify(theirs.body)).toContain('fontFamily');
  });

  it('draws the uploaded font in an overlay job', async () => {
    const video = await uploadAsset(harness, tenant.key, testMedia.clip10s());
    const accepted = await harness.http
      .post('/v1/overlays')
      .set('X-API-Key', tenant.key)
      .send({
        assetId: video.id,
        layers: [
          {
            type: 'text',
            text: { text: 'Brand', fontFamily: 'DejaVu Sans Mono', fontSizePx: 32, color: '#FFFFFF', boxWidthPx: 300 },
          },
        ],
      })
      .expect(202);
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string, 60_000);
    expect(job.status).toBe('succeeded');
  });

  it('refuses the same family twice, and a bundled family', async () => {
    const again = await harness.http
      .post('/v1/assets')
      .set('X-API-Key', tenant.key)
      .attach('file', fontPath)
      .expect(409);
    expect(again.body.error).toBe('conflict');
    await harness.http
      .post('/v1/assets')
      .set('X-API-Key', tenant.key)
      .attach('file', 'assets/fonts/NotoSans-Regular.ttf')
      .expect(409);
  });

  it('refuses a truncated font with 422 and keeps nothing', async () => {
    const broken = join(harness.config.storage.mediaRoot, 'broken.ttf');
    writeFileSync(broken, readFileSync(DEJAVU).subarray(0, 200));
    const response = await harness.http
      .post('/v1/assets')
      .set('X-API-Key', tenant.key)
      .attach('file', broken)
      .expect(422);
    expect(response.body.error).toBe('invalid_media');
  });
});
