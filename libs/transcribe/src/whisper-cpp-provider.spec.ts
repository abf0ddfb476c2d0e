import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TranscriptionRefused } from './provider.js';
import { parseWhisperCppJson, WhisperCppProvider, wordsFromTokens } from './whisper-cpp-provider.js';

/** The shape whisper-cli --output-json-full writes (abridged: ids, probabilities and t_dtw left out). */
const FULL_JSON = {
  systeminfo: 'AVX = 1',
  model: { type: 'base' },
  params: { model: 'models/ggml-base.en.bin', language: 'en', translate: false },
  result: { language: 'en' },
  transcription: [
    {
      timestamps: { from: '00:00:00,000', to: '00:00:02,040' },
      offsets: { from: 0, to: 2040 },
      text: ' And so my fellow Americans,',
      tokens: [
        { text: '[_BEG_]', timestamps: { from: '00:00:00,000', to: '00:00:00,000' }, offsets: { from: 0, to: 0 } },
        { text: ' And', offsets: { from: 0, to: 320 } },
        { text: ' so', offsets: { from: 320, to: 550 } },
        { text: ' my', offsets: { from: 550, to: 800 } },
        { text: ' fellow', offsets: { from: 800, to: 1200 } },
        { text: ' Americ', offsets: { from: 1200, to: 1600 } },
        { text: 'ans', offsets: { from: 1600, to: 1900 } },
        { text: ',', offsets: { from: 1900, to: 2040 } },
        { text: '[_TT_102]', offsets: { from: 2040, to: 2040 } },
      ],
    },
    {
      timestamps: { from: '00:00:02,040', to: '00:00:03,000' },
      offsets: { from: 2040, to: 3000 },
      text: ' ',
      tokens: [],
    },
  ],
};

describe('whisper.cpp output', () => {
  it('joins word pieces into words, skipping special tokens, with times in seconds', () => {
    expect(wordsFromTokens(FULL_JSON.transcription[0].tokens)).toEqual([
      { word: 'And', startSec: 0, endSec: 0.32 },
      { word: 'so', startSec: 0.32, endSec: 0.55 },
      { word: 'my', startSec: 0.55, endSec: 0.8 },
      { word: 'fellow', startSec: 0.8, endSec: 1.2 },
      { word: 'Americans,', startSec: 1.2, endSec: 2.04 },
    ]);
  });

  it('reads segments and the language, dropping empty segments', () => {
    const parsed = parseWhisperCppJson(JSON.stringify(FULL_JSON));
    expect(parsed.language).toBe('en');
    expect(parsed.segments).toHaveLength(1);
    expect(parsed.segments[0]).toMatchObject({ startSec: 0, endSec: 2.04, text: 'And so my fellow Americans,' });
  });

  it('refuses JSON of another shape', () => {
    expect(() => parseWhisperCppJson('{"segments": []}')).toThrow(TranscriptionRefused);
  });

  it('runs the binary with the model, the audio and full JSON output, and reads what it wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whisper-stub-'));
    const bin = join(dir, 'whisper-cli');
    // A stand-in for whisper-cli that records its argv and writes the JSON where -of says.
    writeFileSync(
      bin,
      `#!/bin/sh\necho "$@" > "${dir}/argv"\nwhile [ $# -gt 0 ]; do if [ "$1" = "-of" ]; then out="$2"; fi; shift; done\n` +
        `cat > "$out.json" <<'JSON'\n${JSON.stringify(FULL_JSON)}\nJSON\n`,
    );
    chmodSync(bin, 0o755);
    const provider = new WhisperCppProvider({ binPath: bin, modelPath: '/models/ggml-base.en.bin', timeoutMs: 10_000 });
    const audioPath = join(dir, 'audio.wav');
    const result = await provider.transcribe({ audioPath, language: null, signal: new AbortController().signal });
    expect(result).toMatchObject({ model: 'ggml-base.en.bin', language: 'en' });
    expect(result.segments[0].words.map((w) => w.word)).toEqual(['And', 'so', 'my', 'fellow', 'Americans,']);
    expect(readFileSync(join(dir, 'argv'), 'utf8').trim()).toBe(
      `-m /models/ggml-base.en.bin -f ${audioPath} -l auto --output-json-full -of ${join(dir, 'audio')} --no-prints`,
    );
  });

  it('fails without retry when the binary exits non-zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whisper-stub-'));
    const bin = join(dir, 'whisper-cli');
    writeFileSync(bin, '#!/bin/sh\necho "error: failed to open model" >&2\nexit 3\n');
    chmodSync(bin, 0o755);
    const provider = new WhisperCppProvider({ binPath: bin, modelPath: '/nope.bin', timeoutMs: 10_000 });
    await expect(
      provider.transcribe({ audioPath: join(dir, 'a.wav'), language: 'de', signal: new AbortController().signal }),
    ).rejects.toThrow(new TranscriptionRefused('refused', 'whisper.cpp exited with 3: error: failed to open model'));
  });
});
