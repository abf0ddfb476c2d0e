import { type TranscribeConfig } from '@reelforge/config';
import { HttpTranscriptionProvider } from './http-provider.js';
import { type TranscriptionProvider } from './provider.js';
import { WhisperCppProvider } from './whisper-cpp-provider.js';

/** The settings that turn transcription on, named in the 501 when none is made. */
export const TRANSCRIBE_SETTINGS_HINT =
  'set WHISPER_BIN and WHISPER_MODEL (whisper.cpp on the workers) or TRANSCRIBE_URL (an OpenAI-compatible ' +
  '/audio/transcriptions endpoint, with TRANSCRIBE_API_KEY and TRANSCRIBE_MODEL)';

/** The provider the settings name, or null when transcription is not configured. */
export function createTranscriptionProvider(config: TranscribeConfig): TranscriptionProvider | null {
  if (config.provider === 'whisper.cpp' && config.whisperBin && config.whisperModel) {
    return new WhisperCppProvider({
      binPath: config.whisperBin,
      modelPath: config.whisperModel,
      timeoutMs: config.timeoutMs,
    });
  }
  if (config.provider === 'http' && config.url) {
    return new HttpTranscriptionProvider({
      url: config.url,
      apiKey: config.apiKey,
      model: config.model,
      timeoutMs: config.timeoutMs,
    });
  }
  return null;
}
