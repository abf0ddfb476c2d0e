// Horizontal scale, shown: one API and three workers as separate processes on one Postgres and Redis,
// sharing nothing but them and an S3-compatible bucket (s3rver), each with its own MEDIA_ROOT, as if on
// four machines. 30 mixed jobs go in; one worker is SIGKILLed while it renders; the script then checks
// that every job ended exactly once with its outputs, and prints how the work spread.
//
//   npm run demo:scale          (builds first; needs Postgres, Redis and ffmpeg like the tests)
//
// Env: DEMO_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/reelforge_scale_demo, rebuilt each
// run), REDIS_URL, DEMO_PORT_BASE (default 15600: s3rver, API = base + 1).
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import S3rver from 's3rver';

const ROOT = resolve(import.meta.dirname, '..');
// The SDK warns once per process that releases after January 2027 need Node 22; Node 20 is supported here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const PORT_BASE = Number(process.env.DEMO_PORT_BASE ?? 15600);
const DATABASE_URL = process.env.DEMO_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/reelforge_scale_demo';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MASTER_KEY = 'scale-demo-master-key-0123456789';
const BUCKET = 'reelforge-scale-demo';
const WORKERS = 3;
const JOB_COUNT = 30;
const DEADLINE_MS = 10 * 60_000;

const work = mkdtempSync(join(tmpdir(), 'reelforge-scale-'));
const children = [];
const started = Date.now();
const log = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

function spawnApp(name, entry, env) {
  const logPath = join(work, `${name}.log`);
  const out = createWriteStream(logPath);
  const child = spawn(process.execPath, [join(ROOT, entry)], {
    cwd: env.MEDIA_ROOT,
    env: { PATH: process.env.PATH ?? '', ASSETS_DIR: join(ROOT, 'assets'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const handle = { name, child, logPath, exited: new Promise((done) => child.once('exit', done)) };
  children.push(handle);
  return handle;
}

/** ffmpeg processes a worker runs right now (its direct children). */
function ffmpegChildren(pid) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && comm === 'ffmpeg') found.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

/** `Job <id> attempt <n> started|ended: <outcome>` lines of a worker's log. */
function jobEvents(logPath) {
  const events = [];
  const text = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '';
  for (const match of text.matchAll(/Job ([0-9a-f-]{36}) attempt (\d+) (started|ended: (\w+))/g)) {
    events.push({ jobId: match[1], attempt: Number(match[2]), event: match[4] ?? 'started' });
  }
  return events;
}

function testClip(path, args) {
  if (!existsSync(path)) execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, path]);
  return path;
}

async function api(method, path, { key, master, body, form } = {}) {
  const headers = {};
  if (key) headers['X-API-Key'] = key;
  if (master) headers['X-Master-Key'] = MASTER_KEY;
  let payload;
  if (form) payload = form;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(`http://127.0.0.1:${PORT_BASE + 1}${path}`, { method, headers, body: payload });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function upload(key, path, name) {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(path)]), name);
  return api('POST', '/v1/assets', { key, form });
}

async function main() {
  if (!existsSync(join(ROOT, 'dist/apps/worker/src/main.js'))) throw new Error('Run npm run build first');
  const s3dir = join(work, 's3');
  mkdirSync(s3dir);
  const s3server = new S3rver({
    port: PORT_BASE,
    address: '127.0.0.1',
    directory: s3dir,
    silent: true,
    configureBuckets: [{ name: BUCKET }],
  });
  await s3server.run();
  log(`s3rver on :${PORT_BASE}, bucket ${BUCKET}; logs and scratch under ${work}`);

  const shared = {
    DATABASE_URL,
    REDIS_URL,
    MASTER_KEY,
    QUEUE_PREFIX: `rf-scale-${randomUUID().slice(0, 8)}`,
    STORAGE_DRIVER: 's3',
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: `http://127.0.0.1:${PORT_BASE}`,
    S3_FORCE_PATH_STYLE: 'true',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    // A killed worker's job is noticed in about 20 s rather than the default 30-60 s. Not shorter: on a
    // loaded machine a live worker can miss a lock renewal, and its job is then run again (fenced: only
    // one attempt can record outputs, which this demo checks).
    QUEUE_LOCK_MS: '15000',
    QUEUE_STALLED_INTERVAL_MS: '5000',
    // Generous for a shared, overloaded machine; the defaults suit a machine of its own.
    PROBE_TIMEOUT_MS: '60000',
    WORKER_CONCURRENCY: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...(process.env.FFMPEG_PATH ? { FFMPEG_PATH: process.env.FFMPEG_PATH } : {}),
    ...(process.env.FFPROBE_PATH ? { FFPROBE_PATH: process.env.FFPROBE_PATH } : {}),
  };
  const machine = (name) => {
    const mediaRoot = join(work, name);
    mkdirSync(mediaRoot);
    return { ...shared, MEDIA_ROOT: mediaRoot };
  };

  // A fresh database: the demo counts every row in it.
  const admin = new pg.Client({ connectionString: DATABASE_URL.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  const dbName = new URL(DATABASE_URL).pathname.slice(1);
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  execFileSync(process.execPath, [join(ROOT, 'dist/libs/db/src/cli/migrate.js')], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '', ...machine('migrate') },
    stdio: 'ignore',
  });
  log(`database ${dbName} migrated`);

  const apiProcess = spawnApp('api', 'dist/apps/api/src/main.js', { ...machine('api'), PORT: String(PORT_BASE + 1) });
  await waitFor(
    () =>
      fetch(`http://127.0.0.1:${PORT_BASE + 1}/health/live`).then(
        (r) => r.ok,
        () => false,
      ),
    60_000,
    'the API',
  );
  const workers = [];
  for (let i = 1; i <= WORKERS; i++) {
    workers.push(spawnApp(`worker-${i}`, 'dist/apps/worker/src/main.js', machine(`worker-${i}`)));
  }
  for (const worker of workers) {
    await waitFor(
      () => existsSync(worker.logPath) && readFileSync(worker.logPath, 'utf8').includes('Consuming queues'),
      60_000,
      worker.name,
    );
  }
  log(
    `API (pid ${apiProcess.child.pid}) and ${WORKERS} workers (pids ${workers.map((w) => w.child.pid).join(', ')}) up`,
  );

  const tenant = await api('POST', '/v1/admin/tenants', { master: true, body: { name: 'scale-demo' } });
  await api('PATCH', `/v1/admin/tenants/${tenant.id}`, { master: true, body: { maxRunningJobs: 50 } });
  const { key } = await api('POST', '/v1/admin/keys', {
    master: true,
    body: { tenantId: tenant.id, name: 'demo', minuteLimit: 10_000, dailyLimit: 100_000 },
  });
  const media = join(work, 'media');
  mkdirSync(media);
  const clip = testClip(join(media, 'clip-6s-1280x720.mp4'), [
    ...['-f', 'lavfi', '-i', 'testsrc2=s=1280x720:r=30:d=6', '-f', 'lavfi', '-i', 'sine=f=440:d=6'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest'],
  ]);
  const logo = testClip(join(media, 'logo.png'), ['-f', 'lavfi', '-i', 'color=red:s=96x96', '-frames:v', '1']);
  const video = await upload(key, clip, 'clip.mp4');
  const image = await upload(key, logo, 'logo.png');
  log(`uploaded a video and an image through the API into the bucket`);

  // Every upload also queues a poster job; the demo's own jobs come on top.
  const kinds = [
    ['trim', '/v1/trim', () => ({ assetId: video.id, start: 0.5, end: 4.5 })],
    ['transcode', '/v1/transcode', () => ({ assetId: video.id, qualities: ['480p'] })],
    ['hls', '/v1/transcode', () => ({ assetId: video.id, qualities: ['480p'], format: 'hls' })],
    ['thumbnails', '/v1/thumbnails', () => ({ assetId: video.id, count: 3, widthPx: 320 })],
    [
      'watermark',
      '/v1/watermark',
      () => ({ assetId: video.id, image: { assetId: image.id }, opacity: 0.8, scale: 0.1 }),
    ],
  ];
  const submitted = [];
  for (let i = 0; i < JOB_COUNT; i++) {
    const [kind, path, body] = kinds[i % kinds.length];
    const accepted = await api('POST', path, { key, body: body() });
    submitted.push({ kind, jobId: accepted.jobId });
  }
  log(`submitted ${JOB_COUNT} jobs (${kinds.map(([kind]) => kind).join(', ')}, in turn)`);

  // Kill worker 1 in the middle of a render (its ffmpeg is running), once it has finished a job of its own.
  const victim = workers[0];
  await waitFor(
    () => jobEvents(victim.logPath).some((e) => e.event === 'succeeded') && ffmpegChildren(victim.child.pid).length > 0,
    300_000,
    `${victim.name} to run ffmpeg`,
  );
  const running = jobEvents(victim.logPath).filter((e) => e.event === 'started');
  const ended = new Set(
    jobEvents(victim.logPath)
      .filter((e) => e.event !== 'started')
      .map((e) => e.jobId),
  );
  const killedJob = running.filter((e) => !ended.has(e.jobId)).pop()?.jobId ?? 'unknown';
  victim.child.kill('SIGKILL');
  await victim.exited;
  log(`SIGKILLed ${victim.name} (pid ${victim.child.pid}) while it rendered job ${killedJob}`);

  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const { rows } = await db.query(`SELECT status, count(*)::int AS n FROM jobs GROUP BY status`);
    const open = rows.filter((r) => ['queued', 'processing'].includes(r.status)).reduce((n, r) => n + r.n, 0);
    if (open === 0) break;
    if (Date.now() > deadline) throw new Error(`Jobs still open after ${DEADLINE_MS} ms: ${JSON.stringify(rows)}`);
    await sleep(1_000);
  }
  log('every job has ended');

  const expectedOutputs = { trim: 1, transcode: 1, hls: 2, thumbnails: 3, watermark: 1 };
  const { rows: jobs } = await db.query(
    `SELECT j.id, j.type, j.status, j.attempts, j.attempt_errors AS "attemptErrors",
            count(v.id)::int AS variants, count(DISTINCT v.storage_key)::int AS keys
       FROM jobs j LEFT JOIN variants v ON v.job_id = j.id GROUP BY j.id`,
  );
  const { rows: variantRows } = await db.query(`SELECT storage_key AS key FROM variants`);
  const { rows: assetRows } = await db.query(`SELECT storage_key AS key FROM assets`);
  await db.end();

  const s3 = new S3Client({
    endpoint: shared.S3_ENDPOINT,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  let missing = 0;
  for (const { key: storageKey } of [...variantRows, ...assetRows]) {
    await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: storageKey })).catch(() => missing++);
  }
  const objects = [];
  let token;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: token }));
    objects.push(...(page.Contents ?? []).map((o) => o.Key));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  const claimedUnits = new Set(
    [...variantRows, ...assetRows].map(({ key: k }) =>
      k
        .split('/')
        .slice(0, 3)
        .join('/')
        .replace(/\.[a-z0-9]+$/, ''),
    ),
  );
  const orphans = objects.filter(
    (k) =>
      !claimedUnits.has(
        k
          .split('/')
          .slice(0, 3)
          .join('/')
          .replace(/\.[a-z0-9]+$/, ''),
      ),
  );

  // Who finished what: the worker that ran a job's last attempt, the only one its fence let record outputs
  // (from the workers' own logs, the killed one included). Earlier attempts were lost or superseded.
  const byId = new Map(jobs.map((job) => [job.id, job]));
  const finishedBy = new Map();
  const perWorker = {};
  let superseded = 0;
  for (const worker of workers) {
    perWorker[worker.name] = 0;
    for (const event of jobEvents(worker.logPath)) {
      if (event.event !== 'succeeded') continue;
      if (event.attempt !== byId.get(event.jobId)?.attempts) {
        superseded++;
        continue;
      }
      finishedBy.set(event.jobId, [...(finishedBy.get(event.jobId) ?? []), worker.name]);
      perWorker[worker.name]++;
    }
  }

  const problems = [];
  for (const { kind, jobId } of submitted) {
    const job = byId.get(jobId);
    if (job.status !== 'succeeded') problems.push(`${kind} ${jobId} ended ${job.status}`);
    if (job.variants !== expectedOutputs[kind] || job.keys !== job.variants) {
      problems.push(
        `${kind} ${jobId} has ${job.variants} outputs (${job.keys} keys), expected ${expectedOutputs[kind]}`,
      );
    }
  }
  for (const job of jobs) {
    const finishers = finishedBy.get(job.id) ?? [];
    if (job.status === 'succeeded' && finishers.length !== 1) {
      problems.push(`${job.type} ${job.id} finished ${finishers.length} times (${finishers.join(', ')})`);
    }
  }
  if (missing > 0) problems.push(`${missing} rows point at objects that are not in the bucket`);

  const killed = byId.get(killedJob);
  const statuses = jobs.reduce((acc, job) => ({ ...acc, [job.status]: (acc[job.status] ?? 0) + 1 }), {});
  console.log('');
  console.log(
    `Jobs in the database: ${jobs.length} (${JOB_COUNT} submitted + ${jobs.length - JOB_COUNT} upload posters)`,
  );
  console.log(`  by status: ${JSON.stringify(statuses)}`);
  console.log(
    `  succeeded jobs finished by exactly one worker: ${jobs.filter((j) => (finishedBy.get(j.id) ?? []).length === 1).length}`,
  );
  console.log(`Finished per worker: ${JSON.stringify(perWorker)}`);
  console.log(
    `Attempts that rendered but lost to a newer attempt of the same job (fenced, nothing recorded): ${superseded}`,
  );
  if (killed) {
    console.log(
      `Killed job ${killedJob} (${killed.type}): ${killed.status} after ${killed.attempts} attempts, ` +
        `finished by ${(finishedBy.get(killedJob) ?? []).join(', ') || 'nobody'}; ` +
        `attempt errors: ${JSON.stringify((killed.attemptErrors ?? []).map((e) => e.code))}`,
    );
  }
  console.log(
    `Outputs: ${variantRows.length} variant rows, ${objects.length} objects in the bucket, ${missing} rows without their object`,
  );
  console.log(
    `Objects no row claims: ${orphans.length}${orphans.length ? ' (a killed upload; the sweeper removes them after WORKER_SWEEP_MIN_AGE_MS)' : ''}`,
  );
  console.log(`Wall time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const spread = Object.values(perWorker).filter((n) => n > 0).length;
  if (spread < WORKERS) problems.push(`only ${spread} of ${WORKERS} workers finished jobs`);
  if (!killed || killed.status !== 'succeeded' || killed.attempts < 2) {
    problems.push(`the killed job ${killedJob} was not taken over and finished by another worker`);
  }
  if (problems.length > 0) {
    console.log(`\nPROBLEMS:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log('\nOK: every job ended exactly once with its outputs, spread over the workers.');
  }
  await s3server.close().catch(() => undefined);
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map(({ child, exited }) => Promise.race([exited, sleep(15_000).then(() => child.kill('SIGKILL'))])),
  );
  console.log(`Logs: ${work}/{api,worker-1,worker-2,worker-3}.log`);
  process.exit();
}
