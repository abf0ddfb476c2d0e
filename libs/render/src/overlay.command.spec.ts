import { describe, expect, it } from 'vitest';
import {
  buildOverlayCommand,
  type CompositeLayer,
  MAX_OVERLAY_LAYERS,
  type OverlayCommandInput,
} from './overlay.command.js';

const WHITELIST = [
  '-protocol_whitelist',
  'file,pipe',
  '-format_whitelist',
  'mov,matroska,avi,mpegts,flv,ogg,mp3,wav,flac,aac,png_pipe,jpeg_pipe,webp_pipe,gif,image2',
];
const TAGS = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];
const always = { startSec: 0, endSec: null, fadeInSec: 0, fadeOutSec: 0 };
const logo: CompositeLayer = {
  kind: 'image',
  path: '/lib/logo.png',
  x: 'W-w-24',
  y: 'H-h-24',
  widthPx: 192,
  heightPx: -1,
  opacity: 0.6,
  window: always,
  loop: false,
};
const base: OverlayCommandInput = {
  sourcePath: '/in/src.mp4',
  source: {
    colorSpace: null,
    pixelFormat: 'yuv420p',
    height: 1080,
    hasAudio: true,
    audioCodec: 'aac',
    durationSec: 10,
    fps: 30,
  },
  layers: [logo],
  outputPath: '/out/o.mp4',
};

describe(buildOverlayCommand.name, () => {
  it('converts the source once, prepares the layer in BT.709 and copies AAC audio', () => {
    expect(buildOverlayCommand(base)).toEqual([
      ...WHITELIST, '-i', '/in/src.mp4',
      ...WHITELIST, '-i', '/lib/logo.png',
      '-filter_complex',
      '[0:v:0]scale=in_color_matrix=bt709:out_color_matrix=bt709:out_range=tv:flags=bicubic+accurate_rnd+full_chroma_int,format=pix_fmts=yuv420p[base];' +
        '[1:v:0]scale=w=192:h=-1,format=pix_fmts=rgba,colorchannelmixer=aa=0.6,scale=out_color_matrix=bt709:out_range=tv,format=pix_fmts=yuva420p[layer0];' +
        '[base][layer0]overlay=x=W-w-24:y=H-h-24:eof_action=repeat:format=yuv420[stack0]',
      '-map', '[stack0]',
      '-map', '0:a:0', '-c:a', 'copy',
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', ...TAGS,
      '-t', '10', '-sn', '-dn', '-movflags', '+faststart', '/out/o.mp4',
    ]); // prettier-ignore
  });

  it('windows a layer with enable and escapes the commas of between()', () => {
    const args = buildOverlayCommand({
      ...base,
      layers: [{ ...logo, window: { ...always, startSec: 2, endSec: 5.5 } }],
    });
    expect(args[args.indexOf('-filter_complex') + 1]).toContain(`enable=between(t\\,2\\,5.5)`);
  });

  it('feeds faded stills as a looped frame stream and fades the alpha inside the window', () => {
    const args = buildOverlayCommand({
      ...base,
      layers: [{ ...logo, window: { startSec: 1, endSec: 4, fadeInSec: 0.5, fadeOutSec: 1 } }],
    });
    expect(args.slice(args.indexOf('/in/src.mp4') + 1, args.indexOf('/lib/logo.png') + 1)).toEqual([
      '-loop', '1', '-framerate', '30', '-t', '10', ...WHITELIST, '-i', '/lib/logo.png',
    ]); // prettier-ignore
    const graph = args[args.indexOf('-filter_complex') + 1];
    expect(graph).toContain('fade=t=in:st=1:d=0.5:alpha=1,fade=t=out:st=3:d=1:alpha=1');
  });

  it('loops a video layer from its window start and lets a finished one disappear', () => {
    const clip: CompositeLayer = {
      ...logo,
      kind: 'video',
      path: '/lib/grain.mp4',
      loop: true,
      window: { ...always, startSec: 2 },
    };
    const args = buildOverlayCommand({ ...base, layers: [clip, { ...clip, loop: false }] });
    expect(args.filter((a) => a === '-stream_loop')).toHaveLength(1);
    const graph = args[args.indexOf('-filter_complex') + 1];
    expect(graph).toContain('[1:v:0]setpts=PTS-STARTPTS+2/TB,');
    expect(graph).toContain('[stack0][layer1]overlay=');
    expect(graph).toContain('eof_action=pass');
  });

  it('re-encodes audio that is not AAC and maps none when there is none', () => {
    const opus = buildOverlayCommand({ ...base, source: { ...base.source, audioCodec: 'opus' } });
    expect(opus.slice(opus.indexOf('0:a:0') + 1, opus.indexOf('0:a:0') + 5)).toEqual(['-c:a', 'aac', '-b:a', '160k']);
    expect(buildOverlayCommand({ ...base, source: { ...base.source, hasAudio: false } })).not.toContain('0:a:0');
  });

  it('refuses no layers and too many', () => {
    expect(() => buildOverlayCommand({ ...base, layers: [] })).toThrow('At least one layer');
    expect(() => buildOverlayCommand({ ...base, layers: Array(MAX_OVERLAY_LAYERS + 1).fill(logo) })).toThrow('At most');
  });
});
