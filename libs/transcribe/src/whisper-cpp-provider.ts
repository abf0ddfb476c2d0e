import { type TranscriptSegment, type TranscriptWord } from '@reelforge/contracts';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import {
  type ProviderTranscript,
  type TranscribeInput,
  type TranscriptionProvider,
  TranscriptionRefused,
} from './provider.js';

export interface WhisperCppOptions {
  /** whisper.cpp's CLI (`whisper-cli`, formerly `main`). */
  binPath: string;
  /** A ggml model file, e.g. ggml-base.en.bin. */
  modelPath: string;
  timeoutMs: number;
}

const offsetsSchema = z.object({ from: z.number(), to: z.number() });
/** whisper.cpp's `--output-json-full`: segments with offsets in ms and their tokens with their own offsets. */
const fullJsonSchema = z.object({
  result: z.object({ language: z.string().nullish() }).nullish(),
  transcription: z.array(
    z.object({
      offsets: offsetsSchema,
      text: z.string(),
      tokens: z.array(z.object({ text: z.string(), offsets: offsetsSchema.nullish() })).nullish(),
    }),
  ),
});

/**
 * Tokens to words: whisper's tokens are word pieces, a new word starting with a space; special tokens
 * (`[_BEG_]`, `[_TT_150]`) carry no text. A word spans its first piece's start to its last piece's end.
 */
export function wordsFromTokens(
  tokens: ReadonlyArray<{ text: string; offsets?: { from: number; to: number } | null }>,
): TranscriptWord[] {
  const words: TranscriptWord[] = [];
  for (const token of tokens) {
    if (/^\[_.*_?\]$/.test(token.text.trim()) || !token.offsets) continue;
    const startsWord = /^\s/.test(token.text) || words.length === 0;
    const piece = token.text.trim();
    if (piece === '') continue;
    const startSec = token.offsets.from / 1000;
    const endSec = Math.max(startSec, token.offsets.to / 1000);
    if (startsWord) words.push({ word: piece, startSec, endSec });
    else {
      const last = words[words.length - 1];
      last.word += piece;
      last.endSec = Math.max(last.endSec, endSec);
    }
  }
  return words;
}

/** Parses `--output-json-full` output. */
export function parseWhisperCppJson(text: string): { language: string | null; segments: TranscriptSegment[] } {
  const parsed = fullJsonSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new TranscriptionRefused('unreadable', `whisper.cpp wrote JSON of an unknown shape: ${parsed.error.message}`);
  }
  return {
    language: parsed.data.result?.language ?? null,
    segments: parsed.data.transcription
      .map((segment) => ({
        startSec: segment.offsets.from / 1000,
        endSec: Math.max(segment.offsets.from, segment.offsets.to) / 1000,
        text: segment.text.trim(),
        words: wordsFromTokens(segment.tokens ?? []),
      }))
      .filter((segment) => segment.text !== ''),
  };
}

/**
 * Runs whisper.cpp on the worker: no network, the model file named by the operator. Arguments are an
 * argv array (no shell); the output goes to `<audio>.json` beside the input, in the job's temp directory.
 */
export class WhisperCppProvider implements TranscriptionProvider {
  readonly name = 'whisper.cpp';

  constructor(private readonly options: WhisperCppOptions) {}

  async transcribe(input: TranscribeInput): Promise<ProviderTranscript> {
    const outputBase = input.audioPath.replace(/\.wav$/, '');
    const args = [
      '-m', this.options.modelPath,
      '-f', input.audioPath,
      '-l', input.language ?? 'auto',
      '--output-json-full',
      '-of', outputBase,
      '--no-prints',
    ]; // prettier-ignore
    await run(this.options.binPath, args, this.options.timeoutMs, input.signal);
    const parsed = parseWhisperCppJson(await readFile(`${outputBase}.json`, 'utf8'));
    return {
      model: basename(this.options.modelPath),
      language: parsed.language ?? input.language,
      segments: parsed.segments,
    };
  }
}

function run(binPath: string, args: string[], timeoutMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binPath, args, { stdio: ['ignore', 'ignore', 'pipe'], signal });
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4096);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, killedBy) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else if (timedOut) reject(new TranscriptionRefused('refused', `whisper.cpp took longer than ${timeoutMs} ms`));
      else if (killedBy !== null) reject(new Error(`whisper.cpp was stopped (${killedBy})`));
      else {
        const last = stderr.trim().split('\n').pop() ?? '';
        reject(new TranscriptionRefused('refused', `whisper.cpp exited with ${code}: ${last}`));
      }
    });
  });
}
