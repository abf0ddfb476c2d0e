import { type TranscriptSegment, type TranscriptWord } from '@reelforge/contracts';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import {
  type ProviderTranscript,
  type TranscribeInput,
  type TranscriptionProvider,
  TranscriptionRefused,
} from './provider.js';

export interface HttpProviderOptions {
  /** Base URL such as `https://api.openai.com/v1`, or the full `/audio/transcriptions` URL. */
  url: string;
  apiKey: string | null;
  model: string;
  timeoutMs: number;
}

/** A verbose_json answer can hold every word of an hour of speech; more than this is not a transcript. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

const wordSchema = z.object({ word: z.string(), start: z.number().min(0), end: z.number().min(0) });
/** OpenAI's verbose_json (https://platform.openai.com/docs/api-reference/audio/verbose-json-object); unknown fields ignored. */
const verboseJsonSchema = z.object({
  language: z.string().nullish(),
  duration: z.number().nullish(),
  text: z.string().nullish(),
  segments: z
    .array(
      z.object({
        start: z.number().min(0),
        end: z.number().min(0),
        text: z.string(),
        words: z.array(wordSchema).nullish(),
      }),
    )
    .nullish(),
  words: z.array(wordSchema).nullish(),
});

/** The endpoint a base URL names: `/audio/transcriptions` is appended unless the URL already ends with it. */
export function transcriptionsEndpoint(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/audio/transcriptions') ? trimmed : `${trimmed}/audio/transcriptions`;
}

/**
 * An OpenAI-compatible `POST /audio/transcriptions` (OpenAI, Groq, faster-whisper-server, whisper.cpp's
 * server, LocalAI, ...): multipart `file` + `model`, `response_format=verbose_json` with word and segment
 * timestamps. The URL is operator configuration, so it is called directly and not through the SSRF
 * policy for user URLs (a local whisper server on a private address is the common case); redirects are
 * refused so the audio goes to the configured host only.
 */
export class HttpTranscriptionProvider implements TranscriptionProvider {
  readonly name = 'http';

  constructor(private readonly options: HttpProviderOptions) {}

  async transcribe(input: TranscribeInput): Promise<ProviderTranscript> {
    const form = new FormData();
    form.set('file', new Blob([await readFile(input.audioPath)], { type: 'audio/wav' }), 'audio.wav');
    form.set('model', this.options.model);
    form.set('response_format', 'verbose_json');
    form.append('timestamp_granularities[]', 'segment');
    form.append('timestamp_granularities[]', 'word');
    if (input.language) form.set('language', input.language);

    const endpoint = transcriptionsEndpoint(this.options.url);
    const response = await fetch(endpoint, {
      method: 'POST',
      body: form,
      headers: this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {},
      redirect: 'error',
      signal: AbortSignal.any([input.signal, AbortSignal.timeout(this.options.timeoutMs)]),
    });
    const body = await readLimited(response);
    if (response.status === 401 || response.status === 403) {
      throw new TranscriptionRefused(
        'unauthorized',
        `The transcription endpoint refused the credentials (${response.status}); check TRANSCRIBE_API_KEY`,
      );
    }
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      throw new TranscriptionRefused(
        'refused',
        `The transcription endpoint refused the audio (${response.status}): ${errorMessageOf(body)}`,
      );
    }
    if (!response.ok) {
      throw new Error(`The transcription endpoint answered ${response.status}: ${errorMessageOf(body)}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new TranscriptionRefused('unreadable', 'The transcription endpoint did not answer JSON (verbose_json)');
    }
    const parsed = verboseJsonSchema.safeParse(json);
    if (!parsed.success) {
      throw new TranscriptionRefused(
        'unreadable',
        `The transcription endpoint's answer is not verbose_json: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`,
      );
    }
    return {
      model: this.options.model,
      language: parsed.data.language ?? input.language,
      segments: segmentsOf(parsed.data),
    };
  }
}

async function readLimited(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_RESPONSE_BYTES) {
    await response.body?.cancel();
    throw new TranscriptionRefused('unreadable', `The transcription answer is larger than ${MAX_RESPONSE_BYTES} bytes`);
  }
  const bytes = await response.arrayBuffer();
  if (bytes.byteLength > MAX_RESPONSE_BYTES) {
    throw new TranscriptionRefused('unreadable', `The transcription answer is larger than ${MAX_RESPONSE_BYTES} bytes`);
  }
  return new TextDecoder().decode(bytes);
}

/** OpenAI errors are `{error: {message}}`; anything else is shown truncated. */
function errorMessageOf(body: string): string {
  try {
    const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message.slice(0, 300);
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 300) || '(empty body)';
}

const toWord = (word: z.infer<typeof wordSchema>): TranscriptWord => ({
  word: word.word.trim(),
  startSec: word.start,
  endSec: Math.max(word.start, word.end),
});

/**
 * Segments with their words. OpenAI puts words at the top level, not inside segments: each goes to the
 * segment its midpoint falls in (or the nearest before it). No segments at all: one spanning the text.
 */
function segmentsOf(answer: z.infer<typeof verboseJsonSchema>): TranscriptSegment[] {
  const topWords = (answer.words ?? []).map(toWord).filter((word) => word.word !== '');
  const raw = answer.segments ?? [];
  if (raw.length === 0) {
    const text = answer.text?.trim() ?? '';
    if (text === '') return [];
    const endSec = answer.duration ?? topWords[topWords.length - 1]?.endSec ?? 0;
    return [{ startSec: 0, endSec, text, words: topWords }];
  }
  const segments: TranscriptSegment[] = raw
    .map((segment) => ({
      startSec: segment.start,
      endSec: Math.max(segment.start, segment.end),
      text: segment.text.trim(),
      words: (segment.words ?? []).map(toWord).filter((word) => word.word !== ''),
    }))
    .sort((a, b) => a.startSec - b.startSec);
  if (topWords.length > 0 && segments.every((segment) => segment.words.length === 0)) {
    for (const word of topWords) {
      const midSec = (word.startSec + word.endSec) / 2;
      let owner = segments[0];
      for (const segment of segments) if (segment.startSec <= midSec) owner = segment;
      owner.words.push(word);
    }
  }
  return segments.filter((segment) => segment.text !== '' || segment.words.length > 0);
}
