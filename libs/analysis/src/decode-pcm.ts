import { inputArgs } from '@reelforge/media';
import { spawn } from 'node:child_process';

/** Analysis needs no more: 22.05 kHz keeps everything up to 11 kHz, where onsets live. */
export const ANALYSIS_SAMPLE_RATE = 22_050;

/**
 * Decodes the first audio stream to mono 32-bit float PCM through ffmpeg (same input allow-lists as
 * every other run). `maxDurationSec` bounds memory: 10 minutes is 53 MB of samples.
 */
export function decodePcm(
  ffmpegPath: string,
  path: string,
  options: { timeoutMs: number; maxDurationSec?: number },
): Promise<Float32Array> {
  const maxDurationSec = options.maxDurationSec ?? 600;
  const args = [
    '-hide_banner', '-nostdin', '-v', 'error',
    ...inputArgs(path),
    '-t', String(maxDurationSec),
    '-map', '0:a:0', '-ac', '1', '-ar', String(ANALYSIS_SAMPLE_RATE), '-f', 'f32le', 'pipe:1',
  ]; // prettier-ignore
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4096);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(
          new Error(`ffmpeg could not decode audio (${signal ?? code}): ${stderr.trim().split('\n').pop() ?? ''}`),
        );
        return;
      }
      const bytes = Buffer.concat(chunks);
      // Copy into an aligned buffer: a Buffer's offset into its pool need not be a multiple of 4.
      const aligned = new Float32Array(Math.floor(bytes.length / 4));
      new Uint8Array(aligned.buffer).set(bytes.subarray(0, aligned.length * 4));
      resolve(aligned);
    });
  });
}
