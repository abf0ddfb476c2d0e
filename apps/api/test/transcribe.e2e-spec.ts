import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
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

const API_KEY = 'sk-test-transcribe';

/** What OpenAI's verbose_json with timestamp_granularities=[segment, word] looks like: words at the top level. */
const VERBOSE_JSON = {
  task: 'transcribe',
  language: 'english',
  duration: 3,
  text: 'Hello there. This is a test of captions from speech.',
  segments: [
    { id: 0, seek: 0, start: 0.1, end: 1.2, text: ' Hello there.', tokens: [1, 2], temperature: 0 },
    {
      id: 1,
      seek: 0,
      start: 1.0,
      end: 2.9,
      text: ' This is a test of captions from speech.',
      tokens: [3],
      temperature: 0,
    },
  ],
  words: [
    { word: 'Hello', start: 0.1, end: 0.5 },
    { word: 'there.', start: 0.55, end: 1.2 },
    ...['This', 'is', 'a', 'test', 'of', 'captions', 'from', 'speech.'].map((word, i) => ({
      word,
      start: 1.3 + i * 0.2,
      end: 1.45 + i * 0.2,
    })),
  ],
};

interface Received {
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The multipart form field `name`'s value, read from the raw body (the test server's whole parser). */
function formField(body: string, name: string): string[] {
  const pattern = new RegExp(`name="${name.replace(/[[\]]/g, '\\$&')}"\\r\\n\\r\\n([^\\r]*)\\r\\n`, 'g');
  return [...body.matchAll(pattern)].map((match) => match[1]);
}

describe('transcription and ingest analysis', () => {
  let harness: Harness;
  let tenant: TenantKey;
  let server: Server;
  const received: Received[] = [];
  let answer: { status: number; body: unknown } = { status: 200, body: VERBOSE_JSON };

  beforeAll(async () => {
    // A small stand-in for an OpenAI-compatible endpoint, on loopback: operator config skips the SSRF policy.
    server = createServer((request, response) => {
      void readBody(request).then((body) => {
        received.push({
          path: request.url ?? '',
          authorization: request.headers.authorization,
          contentType: request.headers['content-type'],
          body: body.toString('latin1'),
        });
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    harness = await startHarness(
      testConfig((config) => {
        config.transcribe = {
          ...config.transcribe,
          provider: 'http',
          url: `http://127.0.0.1:${port}/v1`,
          apiKey: API_KEY,
          model: 'whisper-test',
        };
      }),
    );
    tenant = await createTenantWithKey(harness);
  });

  afterAll(async () => {
    await harness?.close();
    server?.close();
  });

  it('transcribes through the HTTP provider into an SRT captions asset with word timings', async () => {
    const audio = await uploadAsset(harness, tenant.key, testMedia.wav3s());
    const accepted = await harness.http
      .post(`/v1/assets/${audio.id as string}/transcribe`)
      .set('X-API-Key', tenant.key)
      .send({ language: 'en' })
      .expect(202);
    const captionsId = accepted.body.captionsAssetId as string;
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string);
    expect(job, JSON.stringify(job.error)).toMatchObject({ status: 'succeeded', type: 'transcribe' });

    // The request spoke the protocol: multipart to /v1/audio/transcriptions, verbose_json, word + segment timestamps.
    const call = received[received.length - 1];
    expect(call.path).toBe('/v1/audio/transcriptions');
    expect(call.authorization).toBe(`Bearer ${API_KEY}`);
    expect(call.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(formField(call.body, 'model')).toEqual(['whisper-test']);
    expect(formField(call.body, 'response_format')).toEqual(['verbose_json']);
    expect(formField(call.body, 'language')).toEqual(['en']);
    expect(formField(call.body, 'timestamp_granularities[]')).toEqual(['segment', 'word']);
    // 16 kHz mono 16-bit PCM WAV: RIFF header, then fmt with 1 channel at 16000 Hz.
    const riff = call.body.indexOf('RIFF');
    expect(riff).toBeGreaterThan(0);
    const fmt = Buffer.from(call.body.slice(riff, riff + 44), 'latin1');
    expect(fmt.readUInt16LE(22)).toBe(1);
    expect(fmt.readUInt32LE(24)).toBe(16_000);

    const captions = await harness.http.get(`/v1/assets/${captionsId}`).set('X-API-Key', tenant.key).expect(200);
    expect(captions.body).toMatchObject({ kind: 'subtitles', origin: 'generated', mime: 'application/x-subrip' });
    const srt = await harness.http.get(`/v1/assets/${captionsId}/content`).set('X-API-Key', tenant.key).expect(200);
    // The overlapping second segment starts when the first ends; words set the cue times.
    expect(srt.text).toBe(
      '1\n00:00:00,100 --> 00:00:01,200\nHello there.\n\n' +
        '2\n00:00:01,300 --> 00:00:02,850\nThis is a test of captions from speech.\n',
    );
    const transcript = await harness.http
      .get(`/v1/assets/${captionsId}/transcript`)
      .set('X-API-Key', tenant.key)
      .expect(200);
    expect(transcript.body).toMatchObject({ provider: 'http', model: 'whisper-test', language: 'english' });
    expect(transcript.body.sourceAssetId).toBe(audio.id);
    expect(transcript.body.words).toHaveLength(10);
    expect(transcript.body.words[0]).toEqual({ word: 'Hello', startSec: 0.1, endSec: 0.5 });
    expect(transcript.body.segments[1].words.map((w: { word: string }) => w.word).join(' ')).toBe(
      'This is a test of captions from speech.',
    );

    // Usable by a subtitles layer: a composition naming it passes generation's checks and plans one image per cue.
    const dryRun = await harness.http
      .post('/v1/generate?dryRun=true')
      .set('X-API-Key', tenant.key)
      .send({
        composition: {
          output: { widthPx: 320, heightPx: 180, fps: 10, durationSec: 3 },
          layers: [{ type: 'subtitles', source: { assetId: captionsId } }],
        },
      })
      .expect(200);
    expect(dryRun.body.plan.textImages).toHaveLength(2);
  });

  it('fails the job naming the reason when the endpoint refuses the audio, and makes no asset', async () => {
    answer = { status: 400, body: { error: { message: 'Audio file is too short' } } };
    try {
      const audio = await uploadAsset(harness, tenant.key, testMedia.wav3s());
      const accepted = await harness.http
        .post(`/v1/assets/${audio.id as string}/transcribe`)
        .set('X-API-Key', tenant.key)
        .send({})
        .expect(202);
      const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string);
      expect(job).toMatchObject({
        status: 'failed',
        attempts: 1,
        error: {
          code: 'invalid_media',
          message: 'The transcription endpoint refused the audio (400): Audio file is too short',
        },
      });
      await harness.http
        .get(`/v1/assets/${accepted.body.captionsAssetId as string}`)
        .set('X-API-Key', tenant.key)
        .expect(404);
    } finally {
      answer = { status: 200, body: VERBOSE_JSON };
    }
  });

  it('refuses assets without audio and bad languages', async () => {
    const image = await uploadAsset(harness, tenant.key, testMedia.png64());
    await harness.http
      .post(`/v1/assets/${image.id as string}/transcribe`)
      .set('X-API-Key', tenant.key)
      .send({})
      .expect(422);
    const audio = await uploadAsset(harness, tenant.key, testMedia.wav3s());
    const bad = await harness.http
      .post(`/v1/assets/${audio.id as string}/transcribe`)
      .set('X-API-Key', tenant.key)
      .send({ language: 'english' })
      .expect(400);
    expect(JSON.stringify(bad.body.details)).toContain('language');
  });

  it('queues beat analysis on arrival with ?analyze=beats', async () => {
    const uploaded = await harness.http
      .post('/v1/assets?analyze=beats')
      .set('X-API-Key', tenant.key)
      .attach('file', testMedia.clicks120bpm())
      .expect(201);
    expect(uploaded.body.analysis).toMatchObject({ status: 'queued' });
    const job = await waitForJob(harness, tenant.key, uploaded.body.analysis.jobId as string);
    expect(job).toMatchObject({ status: 'succeeded', type: 'analysis' });
    const analysis = await harness.http
      .get(`/v1/assets/${uploaded.body.id as string}/analysis`)
      .set('X-API-Key', tenant.key)
      .expect(200);
    expect(analysis.body.tempoBpm).toBeGreaterThan(110);

    const still = await harness.http
      .post('/v1/assets?analyze=beats')
      .set('X-API-Key', tenant.key)
      .attach('file', testMedia.png64())
      .expect(201);
    expect(still.body.analysis).toMatchObject({ status: 'unavailable' });
    await harness.http
      .post('/v1/assets?analyze=loudness')
      .set('X-API-Key', tenant.key)
      .attach('file', testMedia.png64())
      .expect(400);
  });
});

describe('transcription without a provider', () => {
  let harness: Harness;
  let tenant: TenantKey;

  beforeAll(async () => {
    harness = await startHarness(testConfig(), { worker: false });
    tenant = await createTenantWithKey(harness);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('answers 501 naming the settings that turn it on', async () => {
    const audio = await uploadAsset(harness, tenant.key, testMedia.wav3s());
    const response = await harness.http
      .post(`/v1/assets/${audio.id as string}/transcribe`)
      .set('X-API-Key', tenant.key)
      .send({})
      .expect(501);
    expect(response.body.error).toBe('not_configured');
    for (const setting of ['WHISPER_BIN', 'WHISPER_MODEL', 'TRANSCRIBE_URL']) {
      expect(response.body.message).toContain(setting);
    }
  });
});
