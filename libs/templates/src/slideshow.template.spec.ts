import { type ImageLayer, parseComposition } from '@reelforge/compose';
import { describe, expect, it } from 'vitest';
import type { TemplateContext } from './context.js';
import { fakeContext, NO_BEAT, steadyBeats } from './fake-context.js';
import { validateTemplateFields } from './registry.js';
import { beatsPerShot, slideshowTemplate } from './slideshow.template.js';

const IMAGES = (count: number): Array<{ url: string }> =>
  Array.from({ length: count }, (_, i) => ({ url: `https://example.com/photo-${i}.jpg` }));
const AUDIO = { assetId: '4f7d0a52-2f0e-4d59-8c59-0f0f3a3d2b10' };

async function expand(raw: Record<string, unknown>, context: TemplateContext = fakeContext()) {
  const fields = validateTemplateFields('slideshow', { audio: AUDIO, ...raw });
  const expansion = await slideshowTemplate.expand(fields as never, context);
  const parsed = parseComposition(expansion.composition);
  const images = parsed.layers.filter((l): l is ImageLayer => l.type === 'image');
  return { ...expansion, parsed, images };
}

const cutTimes = (images: ImageLayer[]): number[] =>
  images.slice(1).map((l) => Math.round((l.startSec + (l.transition?.durationSec ?? 0) / 2) * 1000) / 1000);

describe('slideshow template', () => {
  it('changes image every bar-multiple of beats, about 3 s, and ends on a beat', async () => {
    // 120 BPM: 8 beats = 4 s per image; beats start at 0.05 s.
    const { parsed, images, warnings } = await expand(
      { images: IMAGES(4) },
      fakeContext({ analysis: steadyBeats(120, 30, 0.05) }),
    );
    expect(warnings).toEqual([]);
    expect(cutTimes(images)).toEqual([4.05, 8.05, 12.05]);
    expect(parsed.output).toMatchObject({ widthPx: 1080, heightPx: 1920, durationSec: 16.05 });
    const audio = parsed.layers.find((l) => l.type === 'audio');
    expect(audio).toMatchObject({ source: AUDIO, durationSec: 16.05, loop: true, fadeInSec: 1, fadeOutSec: 2 });
  });

  it('takes a fixed time per image without asking for beats', async () => {
    const context = fakeContext();
    const { parsed, images } = await expand(
      { images: IMAGES(3), secondsPerImage: 2.5, transition: 'wipeleft' },
      context,
    );
    expect(context.asked).toEqual([]);
    expect(parsed.output.durationSec).toBe(7.5);
    expect(cutTimes(images)).toEqual([2.5, 5]);
    expect(images[1].transition).toEqual({ type: 'wipeleft', durationSec: 0.6 });
    expect(images[0].transition).toBeUndefined();
  });

  it('splits a given duration on the beats', async () => {
    const { images, parsed } = await expand(
      { images: IMAGES(3), durationSec: 10 },
      fakeContext({ analysis: steadyBeats(100, 30) }),
    );
    expect(parsed.output.durationSec).toBe(10);
    // Thirds at 3.33 and 6.67 s; beats every 0.6 s: 3.6 and 6.6 are nearest.
    expect(cutTimes(images)).toEqual([3.6, 6.6]);
  });

  it('falls back to equal shots of the audio with a warning when there is no beat', async () => {
    const { images, parsed, warnings } = await expand(
      { images: IMAGES(4) },
      fakeContext({ analysis: NO_BEAT, mediaDurationSec: 14 }),
    );
    expect(parsed.output.durationSec).toBe(14);
    expect(cutTimes(images)).toEqual([3.5, 7, 10.5]);
    expect(warnings).toEqual(['Images change at equal intervals instead of on the beat: the audio has no clear beat.']);
  });

  it('alternates zoom direction and pan, and adds the chosen texture on top', async () => {
    const { images, parsed } = await expand({
      images: IMAGES(3),
      secondsPerImage: 3,
      overlay: 'dust',
      zoom: 1.2,
      aspect: '16:9',
      fit: 'cover',
    });
    expect(parsed.output).toMatchObject({ widthPx: 1920, heightPx: 1080 });
    expect(images.map((l) => [l.kenBurns?.zoomFrom, l.kenBurns?.zoomTo])).toEqual([
      [1, 1.2],
      [1.2, 1],
      [1, 1.2],
    ]);
    expect(images[0].kenBurns?.panFrom).not.toEqual(images[1].kenBurns?.panFrom);
    expect(images.every((l) => l.fit === 'cover')).toBe(true);
    const overlay = parsed.layers.at(-2);
    expect(overlay).toMatchObject({
      type: 'video',
      source: { library: 'overlays/dust-4s.mp4' },
      opacity: 0.18,
      loop: true,
    });
  });

  it('shortens transitions that would not fit, and says so', async () => {
    const { images, warnings } = await expand({ images: IMAGES(2), secondsPerImage: 1, transitionSec: 2 });
    expect(images[1].transition?.durationSec).toBe(0.4);
    expect(warnings).toEqual(['Transitions shortened to 0.4 s to fit the shortest image.']);
  });
});

describe(beatsPerShot.name, () => {
  it('picks the power of two of beats nearest 3 s', () => {
    expect(beatsPerShot(60 / 120)).toBe(8);
    expect(beatsPerShot(60 / 90)).toBe(4);
    expect(beatsPerShot(60 / 60)).toBe(4);
    expect(beatsPerShot(60 / 170)).toBe(8);
  });
});
