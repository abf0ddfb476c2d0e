import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadAppConfig } from './app-config.js';

const MASTER_KEY = 'a-master-key-of-32-characters!!!';
const existingFile = fileURLToPath(import.meta.url);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadAppConfig({ MASTER_KEY, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('loadAppConfig accepted the environment');
}

describe('transcription settings', () => {
  it('chooses whisper.cpp when its binary and model are set', () => {
    const config = loadAppConfig({ MASTER_KEY, WHISPER_BIN: existingFile, WHISPER_MODEL: existingFile });
    expect(config.transcribe).toMatchObject({ provider: 'whisper.cpp', whisperBin: existingFile });
  });

  it('chooses the HTTP provider with its key, model and limits', () => {
    const config = loadAppConfig({
      MASTER_KEY,
      TRANSCRIBE_URL: 'http://10.0.0.5:8000/v1',
      TRANSCRIBE_API_KEY: ' sk-1 ',
      TRANSCRIBE_MODEL: 'large-v3',
      TRANSCRIBE_TIMEOUT_MS: '5000',
      TRANSCRIBE_MAX_SEC: '120',
    });
    expect(config.transcribe).toMatchObject({
      provider: 'http',
      url: 'http://10.0.0.5:8000/v1',
      apiKey: 'sk-1',
      model: 'large-v3',
      timeoutMs: 5000,
      maxDurationSec: 120,
    });
  });

  it.each<[Record<string, string>, string]>([
    [{ WHISPER_BIN: existingFile }, 'WHISPER_MODEL is required with the other whisper.cpp setting'],
    [
      { WHISPER_BIN: '/no/such/whisper', WHISPER_MODEL: existingFile },
      'WHISPER_BIN points at "/no/such/whisper", which is not a file',
    ],
    [
      { WHISPER_BIN: existingFile, WHISPER_MODEL: existingFile, TRANSCRIBE_URL: 'http://x/v1' },
      'TRANSCRIBE_URL and WHISPER_BIN are both set; configure one transcription provider',
    ],
    [{ TRANSCRIBE_URL: 'ftp://x/v1' }, 'TRANSCRIBE_URL must use http: or https: (got "ftp:")'],
  ])('refuses %j', (env, problem) => {
    expect(problemsOf(env)).toContain(problem);
  });
});
