import { describe, expect, it } from 'vitest';

import { userExpression } from './expression.js';
import { escapeFilterArg, FilterGraph } from './filter-graph.js';
import { formatNumber } from './format-number.js';

describe(FilterGraph.name, () => {
  it('writes a three-rung ladder as one split and three scales', () => {
    const graph = new FilterGraph();
    const [full, mid, low] = graph.split('0:v', 3, 'v');
    graph.chain(full!, [{ filter: 'scale', args: { w: 1920, h: -2 } }], 'v1080');
    graph.chain(mid!, [{ filter: 'scale', args: { w: 1280, h: -2 } }], 'v720');
    graph.chain(low!, [{ filter: 'scale', args: { w: 640, h: -2 } }], 'v360');

    expect(graph.toString()).toBe(
      '[0:v]split=3[v0][v1][v2];[v0]scale=w=1920:h=-2[v1080];[v1]scale=w=1280:h=-2[v720];[v2]scale=w=640:h=-2[v360]',
    );
    expect(graph.unconsumedOutputs()).toEqual(['v1080', 'v720', 'v360']);
  });

  it('writes an overlay chain with compiled user expressions escaped for the graph', () => {
    const graph = new FilterGraph();
    const logo = graph.chain(
      '1:v',
      [
        { filter: 'format', args: { pix_fmts: 'rgba' } },
        { filter: 'colorchannelmixer', args: { aa: 0.8 } },
      ],
      'logo',
    );
    const [video] = graph.add({
      inputs: ['0:v', logo],
      filter: 'overlay',
      args: { x: userExpression('W-w-20'), y: userExpression('min(H, W) * 0.1') },
      outputs: ['video'],
    });

    expect(video).toBe('video');
    expect(graph.toString()).toBe(
      String.raw`[1:v]format=pix_fmts=rgba,colorchannelmixer=aa=0.8[logo];[0:v][logo]overlay=x=W-w-20:y=min(H\,W)*0.1[video]`,
    );
    expect(graph.unconsumedOutputs()).toEqual(['video']);
  });

  it('writes positional arguments, argument-less filters, source chains and asplit', () => {
    const graph = new FilterGraph();
    graph.chain(
      [],
      [
        { filter: 'anullsrc', args: { r: 48000 } },
        { filter: 'atrim', args: { end: 1.5 } },
      ],
      'silence',
    );
    graph.split('silence', 2, 'a', 'audio');
    graph.chain(
      '0:v',
      [{ filter: 'setpts', args: ['PTS-STARTPTS'] }, { filter: 'null' }, { filter: 'hflip', args: {} }],
      'v',
    );

    expect(graph.toString()).toBe(
      'anullsrc=r=48000,atrim=end=1.5[silence];[silence]asplit=2[a0][a1];[0:v]setpts=PTS-STARTPTS,null,hflip[v]',
    );
  });

  it('lets an input stream feed several chains, as ffmpeg does', () => {
    const graph = new FilterGraph();
    graph.add({ inputs: ['0:v'], filter: 'scale', args: [320, 240], outputs: ['small'] });
    graph.add({ inputs: ['0:v'], filter: 'hflip', outputs: ['flipped'] });
    graph.add({ inputs: ['0:v:0', '0:v:0'], filter: 'hstack', outputs: ['twice'] });

    expect(graph.toString()).toBe('[0:v]scale=320:240[small];[0:v]hflip[flipped];[0:v:0][0:v:0]hstack[twice]');
  });

  it('refuses to produce a pad twice and suggests split', () => {
    const graph = new FilterGraph();
    graph.add({ inputs: ['0:v'], filter: 'null', outputs: ['v'] });

    expect(() => graph.add({ inputs: ['1:v'], filter: 'null', outputs: ['v'] })).toThrow(
      'Pad [v] is already produced; choose another label, or split the first one to use it twice',
    );
    expect(() => graph.add({ inputs: ['1:v'], filter: 'split', outputs: ['x', 'x'] })).toThrow(
      /\[x\] is already produced/,
    );
  });

  it('refuses to consume a labelled pad twice and says to feed it through split', () => {
    const graph = new FilterGraph();
    graph.add({ inputs: ['0:v'], filter: 'null', outputs: ['v'] });
    graph.add({ inputs: ['v'], filter: 'hflip', outputs: ['a'] });

    expect(() => graph.add({ inputs: ['v'], filter: 'vflip', outputs: ['b'] })).toThrow(
      'Pad [v] is already consumed; feed it through split (or asplit) to use it twice',
    );
    expect(() => graph.add({ inputs: ['a', 'a'], filter: 'hstack', outputs: ['c'] })).toThrow(/feed it through split/);
  });

  it('refuses a pad consumed before it is produced', () => {
    expect(() => new FilterGraph().chain('logo', [{ filter: 'null' }], 'out')).toThrow(
      /Pad \[logo\] is consumed before any filter produces it/,
    );
  });

  it('refuses an output label that ffmpeg would read as an input stream', () => {
    expect(() => new FilterGraph().add({ inputs: ['0:v'], filter: 'null', outputs: ['1:v'] })).toThrow(
      /would be read as an input stream specifier/,
    );
    expect(() => new FilterGraph().split('0:v', 2, '')).toThrow(/\[0\] would be read as an input stream specifier/);
  });

  it('leaves the graph unchanged when a step throws', () => {
    const graph = new FilterGraph();
    graph.add({ inputs: ['0:v'], filter: 'null', outputs: ['v'] });

    expect(() => graph.add({ inputs: ['v'], filter: 'split', outputs: ['a', 'a'] })).toThrow();
    expect(graph.toString()).toBe('[0:v]null[v]');
    expect(graph.unconsumedOutputs()).toEqual(['v']);
    expect(graph.add({ inputs: ['v'], filter: 'split', outputs: ['a', 'b'] })).toEqual(['a', 'b']);
  });

  it.each(['', 'Scale', 'scale,drawtext', 'scale@logo', 'drawtext=text', 'null;', 'a b', 'x[y]'])(
    'refuses the filter name %j',
    (filter) => {
      expect(() => new FilterGraph().add({ inputs: ['0:v'], filter, outputs: ['v'] })).toThrow(/Invalid filter name/);
      expect(() => new FilterGraph().chain('0:v', [{ filter: 'null' }, { filter }], 'v')).toThrow(
        /Invalid filter name/,
      );
    },
  );

  it.each(['', '[v]', 'v]', 'a b', 'a;b', 'a,b', 'ü', 'a-b'])('refuses the pad label %j', (pad) => {
    expect(() => new FilterGraph().add({ inputs: ['0:v'], filter: 'null', outputs: [pad] })).toThrow(
      /Invalid pad label/,
    );
    expect(() => new FilterGraph().add({ inputs: [pad], filter: 'null', outputs: ['v'] })).toThrow(/Invalid pad label/);
  });

  it.each(['', 'a=b', 'x:y', 'w h', 'text;'])('refuses the option name %j', (key) => {
    expect(() =>
      new FilterGraph().add({ inputs: ['0:v'], filter: 'scale', args: { [key]: 1 }, outputs: ['v'] }),
    ).toThrow(/Invalid option name/);
  });

  it.each(['a=b', ' w = 5', '=5', 'x.y/z-1_2=3'])(
    'refuses the positional value %j, which ffmpeg would read as a named option',
    (value) => {
      expect(() => new FilterGraph().add({ inputs: ['0:v'], filter: 'setpts', args: [value], outputs: ['v'] })).toThrow(
        /would be read as option/,
      );
    },
  );

  it('escapes positional values whose = comes after a special character', () => {
    const graph = new FilterGraph();
    graph.add({ inputs: ['0:v'], filter: 'setpts', args: ["'a=b'"], outputs: ['v'] });

    expect(graph.toString()).toBe(String.raw`[0:v]setpts=\\\'a=b\\\'[v]`);
  });

  it('refuses a chain without filters, a step without outputs and a bad split count', () => {
    expect(() => new FilterGraph().chain('0:v', [], 'v')).toThrow(/has no filters/);
    expect(() => new FilterGraph().add({ inputs: ['0:v'], filter: 'nullsink', outputs: [] })).toThrow(
      /needs at least one labelled output/,
    );
    for (const count of [0, -1, 1.5, Number.NaN]) {
      expect(() => new FilterGraph().split('0:v', count, 'v')).toThrow(RangeError);
    }
  });

  it('refuses non-finite numbers', () => {
    expect(() =>
      new FilterGraph().add({ inputs: ['0:v'], filter: 'scale', args: { w: Number.NaN }, outputs: ['v'] }),
    ).toThrow(RangeError);
    expect(() => new FilterGraph().add({ inputs: ['0:v'], filter: 'scale', args: [Infinity], outputs: ['v'] })).toThrow(
      RangeError,
    );
  });

  it('writes an empty graph as an empty string', () => {
    expect(new FilterGraph().toString()).toBe('');
    expect(new FilterGraph().unconsumedOutputs()).toEqual([]);
  });
});

describe(escapeFilterArg.name, () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a:b', String.raw`a\\:b`],
    ['[x]', String.raw`\[x\]`],
    ['semi;colon', String.raw`semi\;colon`],
    ['a,b', String.raw`a\,b`],
    [String.raw`back\slash`, String.raw`back\\\\slash`],
    [`'quoted'`, String.raw`\\\'quoted\\\'`],
    ['%{pts} = a=b', '%{pts} = a=b'],
    ['if(gt(t,2),1,0)', String.raw`if(gt(t\,2)\,1\,0)`],
    [`it's: a, b [x]; c`, String.raw`it\\\'s\\: a\, b \[x\]\; c`],
    // the worked example from ffmpeg-filters, "Notes on filtergraph escaping"
    [
      `this is a 'string': may contain one, or more, special characters`,
      String.raw`this is a \\\'string\\\'\\: may contain one\, or more\, special characters`,
    ],
  ])('escapes %j', (raw, escaped) => expect(escapeFilterArg(raw)).toBe(escaped));
});

describe(formatNumber.name, () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [1280, '1280'],
    [-2, '-2'],
    [0.8, '0.8'],
    [1 / 3, '0.333333'],
    [2 / 3, '0.666667'],
    [0.0025, '0.0025'],
    [1e-7, '0'],
    [-1e-9, '0'],
    [1234567.1234567, '1234567.123457'],
    [1e20, '100000000000000000000'],
    [1e21, '1000000000000000000000'],
    // BigInt prints the double's exact value, which reads back as the same double
    [-(2 ** 70), '-1180591620717411303424'],
    [2.5e22, '24999999999999997902848'],
  ])('writes %d as %s', (value, text) => expect(formatNumber(value)).toBe(text));

  it.each([Number.NaN, Infinity, -Infinity])('refuses %d', (value) => {
    expect(() => formatNumber(value)).toThrow(RangeError);
  });
});
