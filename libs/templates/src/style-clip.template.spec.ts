import { parseComposition, type VideoLayer } from '@reelforge/compose';
import { describe, expect, it } from 'vitest';
import type { TemplateContext } from './context.js';
import { fakeContext, STYLE_SKIPS } from './fake-context.js';
import { validateTemplateFields } from './registry.js';
import { styleClipTemplate } from './style-clip.template.js';

async function expand(raw: Record<string, unknown>, context: TemplateContext = fakeContext()) {
  const fields = validateTemplateFields('style-clip', raw);
  const expansion = await styleClipTemplate.expand(fields as never, context);
  const parsed = parseComposition(expansion.composition);
  return { ...expansion, parsed, clip: parsed.layers[0] as VideoLayer };
}

describe('style-clip template', () => {
  it('uses the given seed: same seed, same clip and window', async () => {
    const first = await expand({ seed: 42, durationSec: 6 });
    const again = await expand({ seed: 42, durationSec: 6 });
    expect(again.composition).toEqual(first.composition);
    expect(first.resolvedFields.seed).toBe(42);
  });

  it('draws a seed when none is given and returns it, so the job can replay the choice', async () => {
    const drawn = await expand({ durationSec: 6 }, fakeContext({ seed: 777 }));
    expect(drawn.resolvedFields.seed).toBe(777);
    const replay = await expand({ durationSec: 6, seed: 777 }, fakeContext({ seed: 1 }));
    expect(replay.composition).toEqual(drawn.composition);
  });

  it('trims durationSec x speed of source outside the skip zones, with the look applied', async () => {
    const { clip, parsed } = await expand({
      style: 'aurora',
      seed: 3,
      durationSec: 5,
      speed: 2,
      contrast: 1.2,
      blurPx: 4,
      fadeInSec: 1,
    });
    expect(clip).toMatchObject({ type: 'video', source: { library: 'styles/aurora.mp4' }, speed: 2, muted: true });
    expect(clip.trimStartSec).toBeGreaterThanOrEqual(STYLE_SKIPS.aurora[0][1]);
    expect((clip.trimEndSec ?? 0) - clip.trimStartSec).toBeCloseTo(10, 9);
    expect(clip.trimEndSec).toBeLessThanOrEqual(30);
    expect(clip.adjust).toEqual({ brightness: 0, contrast: 1.2, saturation: 1, blurPx: 4 });
    expect(clip).toMatchObject({ durationSec: 5, fadeInSec: 1, fadeOutSec: 0.5 });
    expect(parsed.output).toMatchObject({ widthPx: 1080, heightPx: 1920, durationSec: 5 });
    expect(parsed.layers).toHaveLength(1);
  });

  it('adds title, signature, logo and a library audio track', async () => {
    const logo = { library: 'overlays/reelforge-logo.png' };
    const { parsed } = await expand({
      seed: 1,
      title: 'Golden hour',
      signature: '— Studio Nine',
      logo,
      audio: 'soft-bed-20s.m4a',
      volume: 0.5,
      audioFadeOutSec: 1.5,
    });
    expect(parsed.layers.map((l) => l.type)).toEqual(['video', 'text', 'text', 'image', 'audio']);
    expect(parsed.layers[1]).toMatchObject({ text: 'Golden hour' });
    expect(parsed.layers[2]).toMatchObject({ text: '— Studio Nine', anchor: 'bottom-right' });
    expect(parsed.layers[3]).toMatchObject({ source: logo, anchor: 'top-right', fit: 'contain' });
    expect(parsed.layers[4]).toMatchObject({
      source: { library: 'audio/soft-bed-20s.m4a' },
      volume: 0.5,
      fadeOutSec: 1.5,
      durationSec: 8,
    });
  });

  it('refuses a duration no clip can give, naming fields.durationSec and the longest window', async () => {
    await expect(expand({ durationSec: 40 })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^fields\.durationSec: .*longest style clip has 27\.8 s/) as unknown,
    });
  });
});
