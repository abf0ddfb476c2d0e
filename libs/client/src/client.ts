import createFetchClient, { type Client } from 'openapi-fetch';
import { createWriteStream, openAsBlob } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ReadableStream as NodeReadableStream } from 'node:stream/web';
import { ReelforgeApiError, ReelforgeJobError } from './errors.js';
import { type components, type paths } from './generated/openapi.js';
import { parseServerSentEvents } from './sse.js';

export type Schemas = components['schemas'];
export type Job = Schemas['JobDto'];
export type JobStatus = Schemas['JobStatus'];
export type JobAccepted = Schemas['JobAcceptedDto'];
export type Asset = Schemas['AssetDto'];
export type Variant = Schemas['VariantDto'];

export interface ReelforgeClientOptions {
  /** e.g. `http://localhost:3000` (no `/v1`). */
  baseUrl: string;
  /** `rf_<prefix>_<secret>`, sent as `X-API-Key` on every request. */
  apiKey?: string;
  /** Sent as `X-Master-Key`, for the admin routes. */
  masterKey?: string;
  /** Another fetch (tests, proxies); default the global one. */
  fetch?: typeof globalThis.fetch;
}

/** What waitForJob hands to `onProgress`: the job's state as its event stream last told it. */
export interface JobProgress {
  status: JobStatus;
  /** 0-100. */
  progress: number;
  queuePosition: number | null;
  etaSec: number | null;
}

export interface WaitForJobOptions {
  /** Called on every status, progress or eta event. */
  onProgress?: (progress: JobProgress) => void;
  /** Stops waiting (the job itself keeps running; cancel it with `POST /v1/jobs/{id}/cancel`). */
  signal?: AbortSignal;
  /** Throw a ReelforgeJobError when the job ends failed or canceled, instead of returning it. */
  throwOnFailure?: boolean;
}

export interface RequestOptions {
  /** Sent as `Idempotency-Key`: the same key and body within 24 h answer the first job again. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

const INITIAL_PROGRESS: JobProgress = { status: 'queued', progress: 0, queuePosition: null, etaSec: null };
const TERMINAL: readonly JobStatus[] = ['succeeded', 'failed', 'canceled'];
/** Reconnects to a job's event stream that ended early (an API restart, a proxy timeout) are spaced out up to this. */
const MAX_RECONNECT_DELAY_MS = 5_000;

/**
 * The result of an openapi-fetch call, or a ReelforgeApiError carrying the API's error code.
 * `await unwrap(client.api.GET('/v1/jobs/{id}', { params: { path: { id } } }))` for any route the helpers lack.
 */
export async function unwrap<D>(pending: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const { data, error, response } = await pending;
  if (!response.ok || error !== undefined) {
    const body = typeof error === 'object' && error !== null ? error : { message: String(error ?? '') };
    throw new ReelforgeApiError(response.status, body, response.headers);
  }
  return data as D;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', aborted, { once: true });
  });
}

/**
 * The Reelforge API, typed from openapi.json. `api` is the generated openapi-fetch client for every route
 * (it answers `{data, error, response}`); the methods below cover the common flows and throw
 * ReelforgeApiError on any non-2xx answer.
 */
export class ReelforgeClient {
  readonly api: Client<paths>;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly headers: Record<string, string>;
  private readonly masterKey: string | undefined;

  constructor(options: ReelforgeClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.masterKey = options.masterKey;
    this.headers = {
      ...(options.apiKey ? { 'X-API-Key': options.apiKey } : {}),
      ...(options.masterKey ? { 'X-Master-Key': options.masterKey } : {}),
    };
    this.api = createFetchClient<paths>({ baseUrl: this.baseUrl, headers: this.headers, fetch: this.fetchImpl });
  }

  /** Streams a file from disk (never held in memory) or uploads a Blob; answers the probed asset. */
  async uploadFile(file: string | Blob, options: { fileName?: string; signal?: AbortSignal } = {}): Promise<Asset> {
    const blob = typeof file === 'string' ? await openAsBlob(file) : file;
    const fileName = options.fileName ?? (typeof file === 'string' ? basename(file) : 'upload');
    const form = new FormData();
    form.append('file', blob, fileName);
    const response = await this.send('/v1/assets', { method: 'POST', body: form, signal: options.signal });
    return (await response.json()) as Asset;
  }

  trim(body: Schemas['CreateTrimDto'], options: RequestOptions = {}): Promise<JobAccepted> {
    return unwrap(this.api.POST('/v1/trim', { body, ...this.jobOptions(options) }));
  }

  transcode(
    body: Schemas['CreateTranscodeDto'],
    options: RequestOptions = {},
  ): Promise<Schemas['TranscodeAcceptedDto']> {
    return unwrap(this.api.POST('/v1/transcode', { body, ...this.jobOptions(options) }));
  }

  overlays(body: Schemas['CreateOverlaysDto'], options: RequestOptions = {}): Promise<JobAccepted> {
    return unwrap(this.api.POST('/v1/overlays', { body, ...this.jobOptions(options) }));
  }

  watermark(body: Schemas['CreateWatermarkDto'], options: RequestOptions = {}): Promise<JobAccepted> {
    return unwrap(this.api.POST('/v1/watermark', { body, ...this.jobOptions(options) }));
  }

  thumbnails(body: Schemas['CreateThumbnailsDto'], options: RequestOptions = {}): Promise<JobAccepted> {
    return unwrap(this.api.POST('/v1/thumbnails', { body, ...this.jobOptions(options) }));
  }

  getJob(id: string, options: { signal?: AbortSignal } = {}): Promise<Job> {
    return unwrap(this.api.GET('/v1/jobs/{id}', { params: { path: { id } }, signal: options.signal }));
  }

  getVariant(id: string): Promise<Variant> {
    return unwrap(this.api.GET('/v1/variants/{id}', { params: { path: { id } } }));
  }

  /**
   * Follows the job's server-sent events (`GET /v1/jobs/{id}/events`) until it ends, then answers the full
   * job body. A stream that closes early is reopened with a growing pause; the job row decides when it is over.
   */
  async waitForJob(id: string, options: WaitForJobOptions = {}): Promise<Job> {
    const { signal, onProgress } = options;
    let state: JobProgress | null = null;
    for (let reconnects = 0; ; reconnects++) {
      try {
        const response = await this.send(`/v1/jobs/${encodeURIComponent(id)}/events`, {
          headers: { Accept: 'text/event-stream' },
          signal,
        });
        if (!response.body) throw new Error('The event stream has no body');
        for await (const event of parseServerSentEvents(response.body)) {
          const data = JSON.parse(event.data) as Partial<JobProgress>;
          if (event.event !== 'status' && event.event !== 'progress' && event.event !== 'eta') continue;
          state = { ...(state ?? INITIAL_PROGRESS), ...data };
          onProgress?.(state);
        }
      } catch (error) {
        // A 4xx (unknown job, bad key) will not get better; a dropped connection may.
        if (error instanceof ReelforgeApiError && error.status < 500) throw error;
        if (signal?.aborted) throw signal.reason;
        if (!(error instanceof TypeError) && !(error instanceof ReelforgeApiError)) throw error;
      }
      const job = await this.getJob(id, { signal });
      if (TERMINAL.includes(job.status)) {
        if (options.throwOnFailure && job.status !== 'succeeded') throw new ReelforgeJobError(job);
        return job;
      }
      await sleep(Math.min(250 * 2 ** reconnects, MAX_RECONNECT_DELAY_MS), signal);
    }
  }

  /** Writes the job's main output to `destPath` (a temp name first, renamed when complete). */
  downloadJobResult(id: string, destPath: string, options: { signal?: AbortSignal } = {}): Promise<number> {
    return this.download(`/v1/jobs/${encodeURIComponent(id)}/result`, destPath, options.signal);
  }

  downloadVariant(id: string, destPath: string, options: { signal?: AbortSignal } = {}): Promise<number> {
    return this.download(`/v1/variants/${encodeURIComponent(id)}/content`, destPath, options.signal);
  }

  downloadAsset(id: string, destPath: string, options: { signal?: AbortSignal } = {}): Promise<number> {
    return this.download(`/v1/assets/${encodeURIComponent(id)}/content`, destPath, options.signal);
  }

  /** Admin (master key): a tenant. */
  createTenant(body: Schemas['CreateTenantDto']): Promise<Schemas['TenantDto']> {
    return unwrap(this.api.POST('/v1/admin/tenants', { body, params: this.adminParams() }));
  }

  /** Admin (master key): a key for a tenant; `key` in the answer is shown this once. */
  createKey(body: Schemas['CreateApiKeyDto']): Promise<Schemas['CreatedApiKeyDto']> {
    return unwrap(this.api.POST('/v1/admin/keys', { body, params: this.adminParams() }));
  }

  private adminParams(): { header: { 'X-Master-Key': string } } {
    if (!this.masterKey) throw new Error('Admin calls need the master key: new ReelforgeClient({ masterKey })');
    return { header: { 'X-Master-Key': this.masterKey } };
  }

  private jobOptions(options: RequestOptions): { headers: Record<string, string>; signal?: AbortSignal } {
    return {
      headers: options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {},
      ...(options.signal ? { signal: options.signal } : {}),
    };
  }

  /** A raw request with the auth headers; a non-2xx answer becomes a ReelforgeApiError. */
  private async send(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await this.fetchImpl(`${this.baseUrl}${path}`, {
      ...init,
      headers: { ...this.headers, ...(init.headers as Record<string, string> | undefined) },
    });
    if (!response.ok) throw await ReelforgeApiError.fromResponse(response);
    return response;
  }

  private async download(path: string, destPath: string, signal?: AbortSignal): Promise<number> {
    const response = await this.send(path, { signal });
    if (!response.body) throw new Error(`${path} answered no body`);
    const partPath = `${destPath}.part`;
    let bytes = 0;
    try {
      const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
      body.on('data', (chunk: Buffer) => (bytes += chunk.length));
      await pipeline(body, createWriteStream(partPath), { signal });
      await rename(partPath, destPath);
    } catch (error) {
      await rm(partPath, { force: true });
      throw error;
    }
    return bytes;
  }
}
