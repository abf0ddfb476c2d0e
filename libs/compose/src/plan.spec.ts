import { InvalidInputError } from '@reelforge/contracts';
import { describe, expect, it } from 'vitest';
import { ease, kenBurnsView } from './ken-burns.js';
import { type CaptionCue, type MediaFacts, planComposition } from './plan.js';
import { type CompositionInput } from './spec.js';
import { parseComposition } from './validate.js';

const mediaStub = {
  photo: (path = '/in/photo.jpg'): MediaFacts => ({
    path,
    kind: 'image',
    durationSec: null,
    widthPx: 2000,
    heightPx: 1000,
    fps: null,
    hasAudio: false,
    hasVideo: true,
    colorSpace: null,
    pixelFormat: 'yuvj420p',
  }),
  clip4s: (path = '/in/clip.mp4'): MediaFacts => ({
    path,
    kind: 'video',
    durationSec: 4,
    widthPx: 1920,
    heightPx: 1080,
    fps: 30,
    hasAudio: true,
    hasVideo: true,
    colorSpace: 'bt709',
    pixelFormat: 'yuv420p',
  }),
  song10s: (path = '/in/song.mp3'): MediaFacts => ({
    path,
    kind: 'audio',
    durationSec: 10,
    widthPx: null,
    heightPx: null,
    fps: null,
    hasAudio: true,
    hasVideo: false,
    colorSpace: null,
    pixelFormat: null,
  }),
};

function plan(
  composition: CompositionInput,
  media: Record<number, MediaFacts | null> = {},
  captions: Record<number, CaptionCue[]> = {},
) {
  return planComposition({
    composition: parseComposition(composition),
    media: new Map(Object.entries(media).map(([k, v]) => [Number(k), v])),
    captions: new Map(Object.entries(captions).map(([k, v]) => [Number(k), v])),
    workDir: '/work/job',
    outputPath: '/out/video.mp4',
  });
}

describe('planComposition', () => {
  it('takes the duration from the last layer whose end is known', () => {
    const result = plan(
      {
        output: { widthPx: 360, heightPx: 640 },
        layers: [
          { type: 'color', color: '#D4AF37' },
          { type: 'video', source: { assetId: '00000000-0000-4000-8000-000000000001' }, startSec: 1, speed: 2 },
        ],
      },
      { 1: mediaStub.clip4s() },
    );
    expect(result.durationSec).toBe(3);
    expect(result.expectedFrames).toBe(90);
    expect(result.hasAudio).toBe(true);
    expect(result.filterGraph).toContain('color=c=0xD4AF37@1:s=360x640');
    expect(result.filterGraph).toContain('atempo=2');
    expect(result.filterGraph).toContain('adelay=delays=1000:all=1');
    expect(result.argv.slice(-3)).toEqual(['-t', '3', '/out/video.mp4']);
  });

  it('refuses a composition whose duration cannot be known, naming the field', () => {
    expect(() => plan({ layers: [{ type: 'color', color: '#000' }] })).toThrow(InvalidInputError);
    expect(() => plan({ layers: [{ type: 'color', color: '#000' }] })).toThrow(/composition\.output\.durationSec/);
  });

  it('halves each side and caps the rate for a preview, with the fastest preset', () => {
    const result = plan({
      output: { widthPx: 1080, heightPx: 1920, fps: 30, durationSec: 2, preview: true },
      layers: [{ type: 'color', color: '#fff', widthPx: 100, heightPx: 100 }],
    });
    expect(result).toMatchObject({ widthPx: 540, heightPx: 960, fps: 12, expectedFrames: 24 });
    expect(result.filterGraph).toContain('scale=w=540:h=960');
    expect(result.argv).toContain('ultrafast');
  });

  it('overlays a still once with eof_action=repeat inside its window, without -loop', () => {
    const result = plan(
      {
        output: { durationSec: 5 },
        layers: [{ type: 'image', source: { library: 'frames/x.png' }, startSec: 1, durationSec: 2 }],
      },
      { 0: mediaStub.photo() },
    );
    expect(result.argv).not.toContain('-loop');
    expect(result.filterGraph).toMatch(/overlay=x=.*:eof_action=repeat:format=yuv420:enable=between\(t\\,1\\,3\)/);
    // cover: 2000x1000 into 1080x1920 scales to 3840x1920 and crops the centre.
    expect(result.filterGraph).toContain('scale=w=3840:h=1920');
  });

  it('plans Ken Burns as a per-frame perspective on a still decoded once', () => {
    const result = plan(
      {
        output: { durationSec: 4 },
        layers: [{ type: 'image', source: { library: 'x.png' }, kenBurns: { zoomFrom: 1, zoomTo: 1.2 } }],
      },
      { 0: mediaStub.photo() },
    );
    expect(result.filterGraph).toContain('loop=loop=119:size=1:start=0');
    expect(result.filterGraph).toContain('perspective=');
    expect(result.filterGraph).toContain('sense=source:eval=frame');
  });

  it('joins a track with xfade starting at the incoming layer’s startSec', () => {
    const result = plan({
      output: { durationSec: 4 },
      layers: [
        { type: 'color', color: '#f00', track: 'main', durationSec: 2 },
        { type: 'color', color: '#00f', track: 'main', startSec: 1.5, transition: { type: 'fade', durationSec: 1 } },
      ],
    });
    expect(result.filterGraph).toContain('xfade=transition=fade:duration=1:offset=1.5');
  });

  it('refuses a transition that starts after the previous layer on its track ended', () => {
    expect(() =>
      plan({
        output: { durationSec: 4 },
        layers: [
          { type: 'color', color: '#f00', track: 'main', durationSec: 1 },
          { type: 'color', color: '#00f', track: 'main', startSec: 2, transition: { type: 'fade' } },
        ],
      }),
    ).toThrow(/layers\.1\.startSec/);
  });

  it('mixes audio without normalising volumes, loudnorms and pads to the output', () => {
    const result = plan(
      {
        output: { durationSec: 3, loudnorm: true },
        layers: [
          { type: 'color', color: '#000' },
          { type: 'audio', source: { library: 'a.mp3' }, volume: 0.5 },
          { type: 'audio', source: { library: 'b.mp3' }, startSec: 1 },
        ],
      },
      { 1: mediaStub.song10s('/a.mp3'), 2: mediaStub.song10s('/b.mp3') },
    );
    expect(result.filterGraph).toContain('amix=inputs=2:normalize=0:duration=longest');
    expect(result.filterGraph).toContain('loudnorm=I=-16:TP=-1.5:LRA=11');
    expect(result.argv).toContain('aac');
  });

  it('has no audio for a gif and a palette per frame', () => {
    const result = plan(
      {
        output: { durationSec: 1, widthPx: 320, heightPx: 240, format: 'gif' },
        layers: [{ type: 'audio', source: { library: 'a.mp3' } }],
      },
      { 0: mediaStub.song10s() },
    );
    expect(result.hasAudio).toBe(false);
    expect(result.filterGraph).toContain('palettegen=stats_mode=single');
    expect(result.argv).toContain('-an');
  });

  it('warns about a short clip, a late layer and unresolved media', () => {
    const result = plan(
      {
        output: { durationSec: 6 },
        layers: [
          { type: 'video', source: { library: 'c.mp4' }, durationSec: 6 },
          { type: 'color', color: '#000', startSec: 7 },
          { type: 'image', source: { url: 'https://example.com/x.jpg' } },
        ],
      },
      { 0: mediaStub.clip4s(), 2: null },
    );
    expect(result.warnings.join('\n')).toMatch(/layers\.0: the video plays for 4s .* disappears/);
    expect(result.warnings.join('\n')).toMatch(/layers\.1: starts at 7s, after the output ends/);
    expect(result.warnings.join('\n')).toMatch(/layers\.2: media not resolved yet/);
  });

  it('draws one text image per cue inside the layer window', () => {
    const result = plan(
      { output: { durationSec: 4 }, layers: [{ type: 'subtitles', source: { inline: 'x' }, startSec: 1 }] },
      {},
      {
        0: [
          { startSec: 0, endSec: 1, text: 'one' },
          { startSec: 2, endSec: 9, text: 'two' },
        ],
      },
    );
    expect(result.textImages.map((image) => image.spec.text)).toEqual(['one', 'two']);
    expect(result.filterGraph).toContain('enable=between(t\\,1\\,2)');
    expect(result.filterGraph).toContain('enable=between(t\\,3\\,4)');
    expect(result.filterGraph).toContain('y=H-h-154');
  });

  it('never writes user strings into the graph: colours become 0xRRGGBB@alpha', () => {
    const result = plan({
      output: { durationSec: 1, background: 'rgba(1, 2, 3, 0.5)' },
      layers: [{ type: 'color', color: '#abc' }],
    });
    expect(result.filterGraph).toContain('c=0x010203@0.5');
    expect(result.filterGraph).toContain('c=0xAABBCC@1');
  });
});

describe('Ken Burns path', () => {
  it('eases cubically and clamps the view inside the image', () => {
    expect(ease('easeInOut', 0.5)).toBe(0.5);
    expect(ease('easeIn', 0.5)).toBe(0.125);
    const view = kenBurnsView(
      { zoomFrom: 1, zoomTo: 2, panFrom: { x: 0, y: 0.5 }, panTo: { x: 0, y: 0.5 }, easing: 'linear' },
      1,
      { widthPx: 200, heightPx: 100 },
      { widthPx: 100, heightPx: 100 },
    );
    expect(view).toEqual({ zoom: 2, centerXPx: 25, centerYPx: 50 });
  });
});

describe('planComposition poster', () => {
  const composition = (output: Record<string, unknown>): CompositionInput => ({
    output: { widthPx: 1080, heightPx: 1920, fps: 30, durationSec: 15, ...output },
    layers: [{ type: 'color', color: '#D4AF37' }],
  });
  const withPoster = (output: Record<string, unknown> = {}) =>
    planComposition({
      composition: parseComposition(composition(output)),
      media: new Map(),
      captions: new Map(),
      workDir: '/work/job',
      outputPath: '/out/video.mp4',
      poster: { path: '/work/job/poster.jpg', maxWidthPx: 1280 },
    });

  it('writes the middle frame as a second output of the same run, sized without a probe', () => {
    const planned = withPoster();
    expect(planned.poster).toEqual({
      path: '/work/job/poster.jpg',
      frameIndex: 225,
      timeSec: 7.5,
      widthPx: 1080,
      heightPx: 1920,
    });
    expect(planned.filterGraph).toContain('split=2');
    expect(planned.filterGraph).toContain('trim=start_frame=225:end_frame=226');
    expect(planned.filterGraph).toContain('out_color_matrix=bt601:out_range=pc');
    // The video output comes first with its -t; the poster output after it, one frame, JPEG.
    const videoAt = planned.argv.indexOf('/out/video.mp4');
    expect(planned.argv.slice(videoAt + 1)).toEqual([
      '-map', '[poster]', '-frames:v', '1', '-c:v', 'mjpeg', '-q:v', '3', '-update', '1', '-f', 'image2', '/work/job/poster.jpg',
    ]); // prettier-ignore
  });

  it('caps the width and keeps the aspect with an even height', () => {
    expect(withPoster({ widthPx: 1920, heightPx: 1080 }).poster).toMatchObject({ widthPx: 1280, heightPx: 720 });
    expect(withPoster({ widthPx: 1920, heightPx: 1000 }).poster).toMatchObject({ widthPx: 1280, heightPx: 666 });
  });

  it('plans no poster unless asked', () => {
    const planned = plan(composition({}));
    expect(planned.poster).toBeNull();
    expect(planned.filterGraph).not.toContain('split');
    expect(planned.argv.at(-1)).toBe('/out/video.mp4');
  });
});

describe('planComposition backdrop', () => {
  const output = { widthPx: 1080, heightPx: 1920, fps: 30, durationSec: 3 };
  const webClip: MediaFacts = { ...mediaStub.clip4s(), colorRange: 'tv' };
  const backgroundBase = 'color=c=0x000000@1:s=1080x1920';

  it('uses an opaque full-frame clip as the base, blended over the background by one lutyuv', () => {
    const planned = plan(
      { output, layers: [{ type: 'video', source: { library: 'x' }, opacity: 0.7 }] },
      { 0: webClip },
    );
    expect(planned.filterGraph).not.toContain(backgroundBase);
    expect(planned.filterGraph).toMatch(/\[0:v:0\][^;]*lutyuv=y=val\*0\.7\+4\.8:u=val\*0\.7\+38\.4:v=val\*0\.7\+38\.4/);
    expect(planned.filterGraph).not.toContain('overlay');
  });

  it.each([
    ['a contained clip (bands of background show)', { fit: 'contain' as const }, webClip],
    ['a clip that fades in', { fadeInSec: 1 }, webClip],
    ['a clip shorter than the output that does not loop', {}, { ...webClip, durationSec: 2 }],
    ['a clip with an alpha channel', {}, { ...webClip, pixelFormat: 'yuva420p' }],
    ['a clip that does not start at 0', { startSec: 1 }, webClip],
    ['a clip in a box', { widthPx: 540, heightPx: 960 }, webClip],
  ])('keeps the background colour under %s', (_name, extra, facts) => {
    const planned = plan({ output, layers: [{ type: 'video', source: { library: 'x' }, ...extra }] }, { 0: facts });
    expect(planned.filterGraph).toContain(backgroundBase);
  });
});
