import { type Composition, type ImageLayer, parseComposition } from '@reelforge/compose';
import { describe, expect, it } from 'vitest';
import { fakeContext, NO_BEAT, steadyBeats } from './fake-context.js';
import { goldenFrameTemplate } from './golden-frame.template.js';
import { validateTemplateFields } from './registry.js';
import type { TemplateContext } from './context.js';

const IMAGE = (n: number): { library: string } => ({ library: `overlays/product-${n}.png` });

async function expand(raw: Record<string, unknown>, context: TemplateContext = fakeContext()) {
  const fields = validateTemplateFields('golden-frame', raw);
  const expansion = await goldenFrameTemplate.expand(fields as never, context);
  const composition = parseComposition(expansion.composition);
  const images = composition.layers.filter((l): l is ImageLayer => l.type === 'image' && l.track === 'images');
  return { ...expansion, parsed: composition, images };
}

/** Where each image takes over: the centre of its transition, as the viewer sees the cut. */
function cutTimes(images: ImageLayer[]): number[] {
  return images.slice(1).map((l) => l.startSec + (l.transition?.durationSec ?? 0) / 2);
}

const byType = (composition: Composition, type: string) => composition.layers.filter((l) => l.type === type);

describe('golden-frame template', () => {
  it('expands one image into the default 15 s luxury layout', async () => {
    const context = fakeContext();
    const { parsed, images, warnings } = await expand({ images: [IMAGE(1)] }, context);
    expect(parsed.output).toMatchObject({ widthPx: 1080, heightPx: 1920, durationSec: 15, background: '#050505' });
    expect(warnings).toEqual([]);
    // One image needs no cut points, so no analysis is asked for.
    expect(context.asked).toEqual([]);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({
      xPx: 90,
      yPx: 160,
      widthPx: 900,
      heightPx: 1600,
      fit: 'contain',
      startSec: 0,
      durationSec: 15,
      kenBurns: { zoomFrom: 1, zoomTo: 1.05 },
    });
    expect(parsed.layers.map((l) => l.type)).toEqual(['video', 'image', 'image', 'text', 'audio']);
    expect(parsed.layers[0]).toMatchObject({
      source: { library: 'overlays/glitter-4s.mp4' },
      opacity: 0.7,
      loop: true,
      muted: true,
    });
    expect(parsed.layers[2]).toMatchObject({ source: { library: 'frames/golden-frame-1080x1920.png' }, fit: 'fill' });
    expect(parsed.layers[3]).toMatchObject({ text: '✨ Luxury Beauty Secrets Revealed!', yPx: 140, widthPx: 900 });
    expect(parsed.layers[4]).toMatchObject({
      source: { library: 'audio/beat-120bpm-30s.m4a' },
      durationSec: 15,
      loop: true,
      fadeInSec: 1,
      fadeOutSec: 2,
    });
  });

  it('cuts three images on the beats nearest the thirds, and the shots add up to the duration', async () => {
    // 100 BPM: beats every 0.6 s, so the thirds of 15 s (5, 10) fall between beats (4.8/5.4, 9.6/10.2).
    const { images, warnings, parsed } = await expand(
      { images: [IMAGE(1), IMAGE(2), IMAGE(3)] },
      fakeContext({ analysis: steadyBeats(100, 30) }),
    );
    expect(warnings).toEqual([]);
    expect(cutTimes(images)).toEqual([4.8, 10.2]);
    const transitionSec = images[1].transition?.durationSec ?? 0;
    expect(transitionSec).toBe(0.5);
    expect(images[1].transition?.type).toBe('fade');
    const total = images.reduce((sum, l) => sum + (l.durationSec ?? 0), 0) - 2 * transitionSec;
    expect(total).toBeCloseTo(15, 6);
    // Each layer starts where the track's sequence puts it: the previous end minus the overlap.
    for (let i = 1; i < images.length; i += 1) {
      expect(images[i].startSec).toBeCloseTo(
        images[i - 1].startSec + (images[i - 1].durationSec ?? 0) - transitionSec,
        6,
      );
    }
    expect(parsed.output.durationSec).toBe(15);
  });

  it('falls back to equal shots with a warning when the music has no clear beat', async () => {
    const { images, warnings } = await expand(
      { images: [IMAGE(1), IMAGE(2), IMAGE(3)] },
      fakeContext({ analysis: NO_BEAT }),
    );
    expect(cutTimes(images)).toEqual([5, 10]);
    expect(warnings).toEqual(['Images change every 5 s instead of on the beat: the audio has no clear beat.']);
  });

  it('says the beats are not known yet when the analysis is missing (dry run)', async () => {
    const { warnings } = await expand({ images: [IMAGE(1), IMAGE(2)] }, fakeContext({ analysis: null }));
    expect(warnings[0]).toMatch(/the beats of the audio are not known yet/);
  });

  it('follows the beat past the end of a short looped bed', async () => {
    // A 9.9 s bed at 100 BPM (beats 0, 0.6 ... 9.6) looped to 30 s: its second lap starts on a beat at 9.9 s,
    // which is the beat nearest the first third; a grid merely continued at 0.6 s would have cut at 10.2 s.
    const { images } = await expand(
      { images: [IMAGE(1), IMAGE(2), IMAGE(3)], durationSec: 30 },
      fakeContext({ analysis: steadyBeats(100, 9.9), mediaDurationSec: 9.9 }),
    );
    expect(cutTimes(images)).toEqual([9.9, 19.8]);
  });

  it('draws a procedural #D4AF37 border instead of a frame PNG', async () => {
    const { parsed } = await expand({ images: [IMAGE(1)], frame: 'procedural', atmosphere: 'none', audio: 'none' });
    const bars = byType(parsed, 'color');
    expect(bars).toHaveLength(8);
    expect(bars.filter((b) => b.type === 'color' && b.color === '#D4AF37')).toHaveLength(4);
    expect(byType(parsed, 'video')).toEqual([]);
    expect(byType(parsed, 'audio')).toEqual([]);
    expect(byType(parsed, 'image')).toHaveLength(1);
  });

  it('takes rain, a custom hook, frame and music volume', async () => {
    const frame = { assetId: '0b6b0e7e-3f6c-4d0a-9d3e-2f4c1f5b8a11' };
    const { parsed } = await expand({
      images: [IMAGE(1)],
      atmosphere: 'rain',
      hook: 'New in',
      frame,
      musicVolume: 0.3,
    });
    expect(parsed.layers[0]).toMatchObject({ source: { library: 'overlays/rain-4s.mp4' } });
    expect(parsed.layers[2]).toMatchObject({ source: frame });
    expect(byType(parsed, 'text')[0]).toMatchObject({ text: 'New in' });
    expect(byType(parsed, 'audio')[0]).toMatchObject({ volume: 0.3 });
  });

  it('keeps ten images in 10 s valid, with transitions shortened to fit', async () => {
    const images = Array.from({ length: 10 }, (_, i) => IMAGE(i));
    const result = await expand({ images, durationSec: 10 });
    expect(result.images).toHaveLength(10);
    expect(result.images[1].transition?.durationSec).toBeLessThanOrEqual(0.4);
  });
});
