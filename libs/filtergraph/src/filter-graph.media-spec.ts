import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { anchorPosition, ANCHORS } from './anchors.js';
import { evaluateExpression, ExpressionError, parseExpression, userExpression } from './expression.js';
import { escapeFilterArg, FilterGraph } from './filter-graph.js';

/** A 16x16 source, one frame long: enough for the metadata filter to see one frame. */
const TINY_SOURCE = ['-f', 'lavfi', '-i', 'color=s=16x16:d=0.04'];

let ffmpegRuns = 0;
/** Runs the real binary without a shell, so nothing but the filter parsers interpret the graph. */
function ffmpeg(args: readonly string[]): SpawnSyncReturns<Buffer> {
  ffmpegRuns += 1;
  return spawnSync('ffmpeg', ['-hide_banner', '-nostdin', ...args], { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 });
}

/** Runs a graph that ends in [out] and returns ffmpeg's exit code and log. */
function runGraph(graph: string, inputs: readonly string[] = TINY_SOURCE): { status: number | null; log: string } {
  const result = ffmpeg([...inputs, '-filter_complex', graph, '-map', '[out]', '-f', 'null', '-']);
  return { status: result.status, log: result.stderr.toString('utf8') };
}

/** The value `metadata=mode=print` logged for key t, e.g. `[Parsed_metadata_1 @ 0x55d0] t=a:b`. */
function printedValue(log: string): string | undefined {
  return /^\[Parsed_metadata_\d+ @ [^\]]+\] t=(.*)$/m.exec(log)?.[1];
}

/** Adds `value` as frame metadata and prints it back, written by the builder under test. */
function metadataRoundTrip(value: string): FilterGraph {
  const graph = new FilterGraph();
  graph.chain(
    '0:v',
    [
      { filter: 'metadata', args: { mode: 'add', key: 't', value } },
      { filter: 'metadata', args: { mode: 'print', key: 't' } },
    ],
    'out',
  );
  return graph;
}

describe(`${FilterGraph.name} against ffmpeg`, () => {
  it('writes the metadata round trip in the documented shape', () => {
    expect(metadataRoundTrip('a:b').toString()).toBe(
      String.raw`[0:v]metadata=mode=add:key=t:value=a\\:b,metadata=mode=print:key=t[out]`,
    );
  });

  it.each([
    `it's: a, b [x]; c`,
    'a:b',
    String.raw`back\slash`,
    'semi;colon',
    '[brackets]',
    `'quoted'`,
    'frame %{pts} at %{n}',
    'key=value:other=1',
    String.raw`\'`,
    `'';\\,[]:`,
    'inner  spaces\tand tab',
    'ünïcødé ✓',
  ])('delivers %j to the filter unchanged', (raw) => {
    const { status, log } = runGraph(metadataRoundTrip(raw).toString());

    expect(status, log).toBe(0);
    expect(printedValue(log)).toBe(raw);
  });

  it('loses leading and trailing spaces: both ffmpeg parsers trim unescaped edge whitespace', () => {
    const { status, log } = runGraph(metadataRoundTrip('  padded  ').toString());

    expect(status, log).toBe(0);
    expect(printedValue(log)).toBe('padded');
  });

  it('fails on a positional value ffmpeg reads as a key, which is why the builder refuses it', () => {
    const raw = runGraph(`[0:v]metadata=add:t:a=b,metadata=print:t[out]`);
    expect(raw.status).not.toBe(0);
    expect(raw.log).toContain("Option 'a' not found");

    expect(() =>
      new FilterGraph().add({ inputs: ['0:v'], filter: 'metadata', args: ['add', 't', 'a=b'], outputs: ['out'] }),
    ).toThrow(/would be read as option 'a'/);
  });

  it('accepts an input stream in several chains but not a labelled pad consumed twice', () => {
    const graph = new FilterGraph();
    const small = graph.chain('0:v', [{ filter: 'scale', args: { w: 8, h: 8 } }], 'small');
    const flipped = graph.chain('0:v', [{ filter: 'hflip' }], 'flipped');
    graph.add({ inputs: [flipped, small], filter: 'overlay', outputs: ['out'] });
    expect(runGraph(graph.toString()).status).toBe(0);

    // What the builder refuses: ffmpeg treats the second [a] as an unknown stream specifier.
    const reused = runGraph('[0:v]split[a][b];[a]scale=8:8[c];[a][c]overlay[out];[b]nullsink');
    expect(reused.status).not.toBe(0);
    expect(reused.log).toMatch(/Stream specifier 'a' in filtergraph description .* matches no streams/);
  });
});

describe('user expressions against ffmpeg overlay', () => {
  const MAIN_PX = 64;
  const LOGO_PX = 16;
  const sources = [
    ...['-f', 'lavfi', '-i', `color=black:s=${MAIN_PX}x${MAIN_PX}:d=0.04`],
    ...['-f', 'lavfi', '-i', `color=white:s=${LOGO_PX}x${LOGO_PX}:d=0.04`],
  ];

  /** Overlays the white square at (x, y) and returns the first frame as 8-bit gray pixels. */
  function overlayFrame(xText: string, yText: string): Buffer {
    const graph = new FilterGraph();
    graph.add({
      inputs: ['0:v', '1:v'],
      filter: 'overlay',
      args: { x: userExpression(xText), y: userExpression(yText) },
      outputs: ['out'],
    });
    const result = ffmpeg([
      ...sources,
      ...['-filter_complex', graph.toString(), '-map', '[out]'],
      ...['-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'],
    ]);
    expect(result.status, result.stderr.toString('utf8')).toBe(0);
    return result.stdout;
  }

  /** overlay's variables for this pair of sources, at t=0. */
  const sizes = {
    ...{ W: MAIN_PX, H: MAIN_PX, w: LOGO_PX, h: LOGO_PX, t: 0 },
    ...{ main_w: MAIN_PX, main_h: MAIN_PX, overlay_w: LOGO_PX, overlay_h: LOGO_PX },
  };
  const isWhite = (frame: Buffer, xPx: number, yPx: number): boolean => (frame[yPx * MAIN_PX + xPx] ?? 0) > 128;

  // Expected positions are even because overlay aligns x/y to yuv420p's 2-pixel chroma grid.
  it.each([
    ['W-w-20', '(H-h)/2'],
    ['min(W,H)*0.125', 'max(W,H)/8'],
    ['W--w-60', 'H-h-24'],
    ['main_w-overlay_w-10', 't*50'],
  ])('places the overlay where evaluateExpression says for x=%j, y=%j', (xText, yText) => {
    const at = (text: string): number => evaluateExpression(parseExpression(text), sizes);
    const xPx = at(xText);
    const yPx = at(yText);

    const frame = overlayFrame(xText, yText);
    expect(isWhite(frame, xPx, yPx)).toBe(true);
    expect(isWhite(frame, xPx + LOGO_PX - 1, yPx + LOGO_PX - 1)).toBe(true);
    if (xPx > 0) expect(isWhite(frame, xPx - 1, yPx)).toBe(false);
    if (yPx > 0) expect(isWhite(frame, xPx, yPx - 1)).toBe(false);
  });

  it.each(ANCHORS)('places the overlay at the %s anchor', (anchor) => {
    const { x, y } = anchorPosition(anchor, 8);
    const xPx = evaluateExpression(parseExpression(x), sizes);
    const yPx = evaluateExpression(parseExpression(y), sizes);

    const frame = overlayFrame(x, y);
    expect(isWhite(frame, xPx, yPx)).toBe(true);
    expect(isWhite(frame, xPx + LOGO_PX - 1, yPx + LOGO_PX - 1)).toBe(true);
    expect(isWhite(frame, xPx + LOGO_PX, yPx + LOGO_PX)).toBe(false);
  });

  it('runs stateful ffmpeg expressions when given raw text, so escaping alone is not enough', () => {
    // Escaped, this is a valid option value, and ffmpeg's evaluator runs st()/ld() in it.
    const graph = `[0:v][1:v]overlay=x=${escapeFilterArg('st(0,20)+ld(0)')}[out]`;
    expect(runGraph(graph, sources).status).toBe(0);
  });

  it.each([
    'st(0,20)+ld(0)',
    'while(1,1)',
    'W-w-20:y=0',
    'W-w-20[out];[0:v]null',
    '1;drop',
    'random(1)*W',
    'if(gt(t,1),0,W)',
    '1e9',
    `${'('.repeat(1000)}1${')'.repeat(1000)}`,
  ])('refuses %j before anything runs', (hostile) => {
    const runsBefore = ffmpegRuns;

    expect(() => overlayFrame(hostile, '0')).toThrow(ExpressionError);
    expect(ffmpegRuns).toBe(runsBefore);
  });
});
