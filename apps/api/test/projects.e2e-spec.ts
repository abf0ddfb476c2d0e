import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenantWithKey,
  type Harness,
  startHarness,
  type TenantKey,
  uploadAsset,
  waitForJob,
} from '../../../test/support/harness.js';
import { downloadTo, expectColorNear, frameAt, probeJson } from '../../../test/support/media-checks.js';
import { testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';

interface Render {
  id: string;
  version: number;
  jobId: string;
  status: string;
  reused: boolean;
  outputs: Array<{ url: string; kind: string; quality: string | null }>;
}

/** Tiny renders (160x120, 10 fps, 1-2 s) keep the walk-through fast; what is checked is the pipeline. */
const composition = (color: string, durationSec: number, imageId: string): Record<string, unknown> => ({
  output: { widthPx: 160, heightPx: 120, fps: 10, durationSec, background: '#000000', quality: 'low' },
  layers: [
    { type: 'color', color, xPx: 0, yPx: 0, widthPx: 160, heightPx: 60 },
    { type: 'image', source: { assetId: imageId }, xPx: 0, yPx: 60, widthPx: 160, heightPx: 60, fit: 'cover' },
  ],
});

describe('Projects', () => {
  let harness: Harness;
  let tenant: TenantKey;
  let other: TenantKey;
  let imageId: string;

  beforeAll(async () => {
    harness = await startHarness(testConfig());
    tenant = await createTenantWithKey(harness);
    other = await createTenantWithKey(harness);
    imageId = (await uploadAsset(harness, tenant.key, testMedia.still('project-still-160x120.png', '160x120')))
      .id as string;
  });

  afterAll(async () => {
    await harness?.close();
  });

  const api = (key = tenant.key) => ({
    get: (path: string) => harness.http.get(path).set('X-API-Key', key),
    post: (path: string, body?: unknown) =>
      harness.http
        .post(path)
        .set('X-API-Key', key)
        .send(body as object),
    put: (path: string, body: unknown, ifMatch?: string) => {
      const request = harness.http.put(path).set('X-API-Key', key);
      if (ifMatch) request.set('If-Match', ifMatch);
      return request.send(body as object);
    },
    patch: (path: string, body: unknown, ifMatch?: string) => {
      const request = harness.http.patch(path).set('X-API-Key', key).set('Content-Type', 'application/json-patch+json');
      if (ifMatch) request.set('If-Match', ifMatch);
      return request.send(JSON.stringify(body));
    },
  });

  async function renderDone(projectId: string, render: Render): Promise<{ render: Render; video: string }> {
    await waitForJob(harness, tenant.key, render.jobId, 120_000);
    const done = (await api().get(`/v1/projects/${projectId}/renders/${render.id}`).expect(200)).body as Render;
    expect(done.status, JSON.stringify(done)).toBe('succeeded');
    const video = await downloadTo(harness, tenant.key, done.outputs[0].url, `project-render-${render.id}`);
    return { render: done, video };
  }

  it('walks a project through create, three edits (one by JSON Patch), two renders and a restore', async () => {
    // Create: version 1, ETag "1".
    const created = await api()
      .post('/v1/projects', {
        name: 'Launch reel',
        tags: { userId: 'u-42' },
        composition: composition('#ff0000', 1, imageId),
      })
      .expect(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/v1/projects/${created.body.id}`);
    expect(created.body).toMatchObject({ name: 'Launch reel', tags: { userId: 'u-42' }, version: 1 });
    const id = created.body.id as string;
    const path = `/v1/projects/${id}`;

    // Edit 1, full replace: a 2 s blue version.
    const v2 = await api()
      .put(
        path,
        { name: 'Launch reel', tags: { userId: 'u-42' }, composition: composition('#0000ff', 2, imageId) },
        '"1"',
      )
      .expect(200);
    expect(v2.headers.etag).toBe('"2"');

    // A writer still holding version 1 is refused, and nothing is saved.
    const stale = await api()
      .patch(path, [{ op: 'replace', path: '/name', value: 'lost update' }], '"1"')
      .expect(412);
    expect(stale.body).toMatchObject({ error: 'precondition_failed', details: { currentVersion: 2 } });
    const missing = await api()
      .patch(path, [{ op: 'replace', path: '/name', value: 'x' }])
      .expect(428);
    expect(missing.body.message).toContain('If-Match: "2"');

    // Edit 2, JSON Patch: move the colour band to green and shorten to 1 s, in one atomic patch.
    const v3 = await api()
      .patch(
        path,
        [
          { op: 'test', path: '/composition/layers/0/type', value: 'color' },
          { op: 'replace', path: '/composition/layers/0/color', value: '#00ff00' },
          { op: 'replace', path: '/composition/output/durationSec', value: 1 },
        ],
        '"2"',
      )
      .expect(200);
    expect(v3.body.version).toBe(3);
    expect(v3.body.composition.layers[0].color).toBe('#00ff00');
    expect(v3.body.composition.output.durationSec).toBe(1);

    // A patch that fails names its operation; one whose result is invalid names the composition field.
    const badOp = await api()
      .patch(path, [{ op: 'remove', path: '/composition/layers/9' }], '"3"')
      .expect(400);
    expect(badOp.body.details).toEqual([
      {
        field: 'patch.0.path',
        problems: ['Operation 0 (remove /composition/layers/9): there is no value at this path'],
      },
    ]);
    const badResult = await api()
      .patch(path, [{ op: 'add', path: '/composition/layers/1/opacity', value: 3 }], '"3"')
      .expect(400);
    expect(badResult.body.details[0].field).toBe('composition.layers.1.opacity');
    const foreignAsset = await api()
      .patch(path, [{ op: 'replace', path: '/composition/layers/1/source/assetId', value: other.tenantId }], '"3"')
      .expect(404);
    expect(foreignAsset.body.error).toBe('not_found');

    // Edit 3, full replace with the version in the body instead of If-Match.
    const v4 = await api()
      .put(path, {
        name: 'Launch reel (final)',
        tags: { userId: 'u-42' },
        composition: composition('#ffffff', 1, imageId),
        version: 3,
      })
      .expect(200);
    expect(v4.body.version).toBe(4);

    // Render 1: the current version, a real video.
    const first = await api().post(`${path}/renders`).expect(202);
    expect(first.body).toMatchObject({ version: 4, reused: false });
    const { render: firstDone, video: firstVideo } = await renderDone(id, first.body as Render);
    const firstProbe = probeJson(firstVideo);
    expect(firstProbe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 160, height: 120 });
    expect(Math.abs(Number(firstProbe.format.duration) - 1)).toBeLessThanOrEqual(0.15);
    expectColorNear(frameAt(firstVideo, 0.5, 160)(80, 20), [255, 255, 255], 8);

    // The same content again answers the earlier render: same id and job, nothing queued.
    const again = await api().post(`${path}/renders`).expect(200);
    expect(again.body).toMatchObject({ id: firstDone.id, jobId: firstDone.jobId, reused: true, status: 'succeeded' });

    // Restore version 2 (the 2 s blue one): a new version 5 with its composition, the name kept.
    const restored = await api().post(`${path}/versions/2/restore`).set('If-Match', '"4"').expect(200);
    expect(restored.headers.etag).toBe('"5"');
    expect(restored.body).toMatchObject({ version: 5, name: 'Launch reel (final)', contentHash: v2.body.contentHash });

    // Render 2: version 5's content differs from version 4's, so it renders.
    const second = await api().post(`${path}/renders`).expect(202);
    expect(second.body).toMatchObject({ version: 5, reused: false });
    const { video: secondVideo } = await renderDone(id, second.body as Render);
    const secondProbe = probeJson(secondVideo);
    expect(Math.abs(Number(secondProbe.format.duration) - 2)).toBeLessThanOrEqual(0.15);
    expectColorNear(frameAt(secondVideo, 1, 160)(80, 20), [0, 0, 255], 12);

    // Rendering version 4 by number reuses render 1.
    const byVersion = await api().post(`${path}/renders`, { version: 4 }).expect(200);
    expect(byVersion.body).toMatchObject({ id: firstDone.id, reused: true });

    // The project lists both renders with their status and outputs, newest first, and keeps every version.
    const renders = (await api().get(`${path}/renders`).expect(200)).body as { items: Render[]; total: number };
    expect(renders.total).toBe(2);
    expect(renders.items.map((r) => [r.version, r.status, r.outputs.map((o) => o.kind)])).toEqual([
      [5, 'succeeded', ['generated', 'thumbnail']],
      [4, 'succeeded', ['generated', 'thumbnail']],
    ]);
    const versions = (await api().get(`${path}/versions`).expect(200)).body as {
      items: Array<{ version: number; origin: string; restoredFrom: number | null }>;
    };
    expect(versions.items.map((v) => [v.version, v.origin, v.restoredFrom])).toEqual([
      [5, 'restore', 2],
      [4, 'replace', null],
      [3, 'patch', null],
      [2, 'replace', null],
      [1, 'create', null],
    ]);
    const version3 = await api().get(`${path}/versions/3`).expect(200);
    expect(version3.body.composition.layers[0].color).toBe('#00ff00');

    // The render log: warnings and ffmpeg's stderr tail, through the project.
    const log = await api().get(`${path}/renders/${firstDone.id}/log`).expect(200);
    expect(log.body).toMatchObject({ status: 'succeeded', warnings: [], error: null });
    expect(typeof log.body.stderrTail).toBe('string');

    // Tenants never see each other's projects.
    await api(other.key).get(path).expect(404);
    await api(other.key).post(`${path}/renders`).expect(404);
    const listed = (await api().get('/v1/projects?tag=userId:u-42').expect(200)).body as {
      items: Array<{ id: string }>;
    };
    expect(listed.items.map((p) => p.id)).toContain(id);
    const none = (await api().get('/v1/projects?tag=userId:someone-else').expect(200)).body as { total: number };
    expect(none.total).toBe(0);
  });

  it('refuses a composition POST /v1/generate would refuse, naming the field, and saves nothing', async () => {
    const response = await api()
      .post('/v1/projects', { name: 'bad', composition: { output: { widthPx: 15 }, layers: [] } })
      .expect(400);
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain('composition.output.widthPx');
    const tags = await api()
      .post('/v1/projects', {
        name: 'bad',
        tags: { 'has space': 'x' },
        composition: composition('#000000', 1, imageId),
      })
      .expect(400);
    expect(tags.body.details[0].field).toMatch(/^tags/);
  });

  it('deletes a project only at the version If-Match names', async () => {
    const created = await api()
      .post('/v1/projects', { name: 'to delete', composition: composition('#000000', 1, imageId) })
      .expect(201);
    const path = `/v1/projects/${created.body.id as string}`;
    await harness.http.delete(path).set('X-API-Key', tenant.key).set('If-Match', '"7"').expect(412);
    await harness.http.delete(path).set('X-API-Key', tenant.key).set('If-Match', '"1"').expect(204);
    await api().get(path).expect(404);
    await api().get(`${path}/versions/1`).expect(404);
  });
});
