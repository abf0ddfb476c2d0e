import { Quality, TranscodeFormat } from '@reelforge/contracts';
import { describe, expect, it } from 'vitest';
import {
  avcCodecString,
  buildMasterPlaylist,
  buildTranscodeCommand,
  displaySize,
  parseMediaPlaylist,
  planLadder,
} from './transcode.command.js';

const WHITELIST = [
  '-protocol_whitelist',
  'file,pipe',
  '-format_whitelist',
  'mov,matroska,avi,mpegts,flv,ogg,mp3,wav,flac,aac,png_pipe,jpeg_pipe,webp_pipe,gif,image2',
];
const source = { colorSpace: 'bt709', pixelFormat: 'yuv420p', height: 1080, hasAudio: true };
const TAGS = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];
const SCALE_OPTS =
  'in_color_matrix=bt709:out_color_matrix=bt709:out_range=tv:flags=bicubic+accurate_rnd+full_chroma_int';

describe(planLadder.name, () => {
  it('never upscales and reports what it skipped', () => {
    const plan = planLadder({ widthPx: 1280, heightPx: 720 }, [Quality.P1080, Quality.P720, Quality.P480]);
    expect(plan.renditions).toEqual([
      { quality: '720p', widthPx: 1280, heightPx: 720, crf: 22 },
      { quality: '480p', widthPx: 854, heightPx: 480, crf: 24 },
    ]);
    expect(plan.skipped).toEqual([{ quality: '1080p', reason: 'the source is 1280x720; 1080p would upscale it' }]);
  });

  it('sizes portrait sources by their short side, with even dimensions', () => {
    expect(planLadder({ widthPx: 1080, heightPx: 1920 }, [Quality.P720]).renditions).toEqual([
      { quality: '720p', widthPx: 720, heightPx: 1280, crf: 22 },
    ]);
    expect(planLadder({ widthPx: 1000, heightPx: 750 }, [Quality.P480]).renditions[0]).toMatchObject({
      widthPx: 640,
      heightPx: 480,
    });
  });

  it('orders rungs from the highest, once each', () => {
    const plan = planLadder({ widthPx: 1920, heightPx: 1080 }, [Quality.P480, Quality.P1080, Quality.P480]);
    expect(plan.renditions.map((r) => r.quality)).toEqual(['1080p', '480p']);
  });
});

describe(displaySize.name, () => {
  it.each([
    [0, { widthPx: 1920, heightPx: 1080 }],
    [90, { widthPx: 1080, heightPx: 1920 }],
    [270, { widthPx: 1080, heightPx: 1920 }],
  ])('swaps the sides of a picture rotated %i degrees when needed', (rotation, expected) => {
    expect(displaySize({ width: 1920, height: 1080, rotation })).toEqual(expected);
  });
});

describe(buildTranscodeCommand.name, () => {
  const renditions = planLadder({ widthPx: 1920, heightPx: 1080 }, [Quality.P1080, Quality.P720]).renditions;

  it('decodes and converts once, then scales each rung from the one above', () => {
    const { args, outputs } = buildTranscodeCommand({
      sourcePath: '/in/src.mp4',
      source,
      renditions,
      format: TranscodeFormat.Mp4,
      outputDir: '/out',
    });
    expect(args).toEqual([
      ...WHITELIST, '-i', '/in/src.mp4',
      '-filter_complex',
      `[0:v:0]scale=w=1920:h=1080:${SCALE_OPTS},format=pix_fmts=yuv420p[top];` +
        `[top]split=2[v1080p][from1080p];[from1080p]scale=w=1280:h=720[scaled720p]`,
      '-map', '[v1080p]', '-map', '0:a:0', '-c:a', 'aac', '-b:a', '160k',
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', ...TAGS,
      '-force_key_frames', 'expr:gte(t,n_forced*2)', '-sn', '-dn', '-movflags', '+faststart', '/out/1080p.mp4',
      '-map', '[scaled720p]', '-map', '0:a:0', '-c:a', 'aac', '-b:a', '160k',
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '22', '-pix_fmt', 'yuv420p', ...TAGS,
      '-force_key_frames', 'expr:gte(t,n_forced*2)', '-sn', '-dn', '-movflags', '+faststart', '/out/720p.mp4',
    ]); // prettier-ignore
    expect(outputs).toEqual([
      { quality: '1080p', fileName: '1080p.mp4' },
      { quality: '720p', fileName: '720p.mp4' },
    ]);
  });

  it('writes an HLS playlist and segments per rung, without audio when the source has none', () => {
    const { args } = buildTranscodeCommand({
      sourcePath: '/in/src.mp4',
      source: { ...source, hasAudio: false },
      renditions: renditions.slice(1),
      format: TranscodeFormat.Hls,
      outputDir: '/out',
    });
    expect(args).not.toContain('0:a:0');
    expect(args.slice(args.indexOf('-sc_threshold'))).toEqual([
      '-sc_threshold', '0', '-f', 'hls', '-hls_time', '4', '-hls_playlist_type', 'vod', '-hls_list_size', '0',
      '-hls_flags', 'independent_segments', '-hls_segment_type', 'mpegts',
      '-hls_segment_filename', '/out/720p_%05d.ts', '/out/720p.m3u8',
    ]); // prettier-ignore
    // A single rung needs no split.
    expect(args[args.indexOf('-filter_complex') + 1]).toMatch(/^\[0:v:0\]scale=/);
  });
});

describe(buildMasterPlaylist.name, () => {
  it('lists the highest rung first with peak and average bandwidth', () => {
    const text = buildMasterPlaylist([
      { quality: Quality.P480, playlistFileName: '480p.m3u8', widthPx: 854, heightPx: 480, peakBitrateBps: 900_000.4, averageBitrateBps: 700_000, codecs: 'avc1.64001e,mp4a.40.2', frameRate: 25, sizeBytes: 1 },
      { quality: Quality.P720, playlistFileName: '720p.m3u8', widthPx: 1280, heightPx: 720, peakBitrateBps: 2_000_000, averageBitrateBps: 1_500_000, codecs: 'avc1.64001f,mp4a.40.2', frameRate: 25, sizeBytes: 1 },
    ]); // prettier-ignore
    expect(text).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-INDEPENDENT-SEGMENTS',
        '#EXT-X-STREAM-INF:BANDWIDTH=2000000,AVERAGE-BANDWIDTH=1500000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2",FRAME-RATE=25.000',
        '720p.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=900001,AVERAGE-BANDWIDTH=700000,RESOLUTION=854x480,CODECS="avc1.64001e,mp4a.40.2",FRAME-RATE=25.000',
        '480p.m3u8',
        '',
      ].join('\n'),
    );
  });
});

describe(parseMediaPlaylist.name, () => {
  it('pairs each segment with its duration', () => {
    const text =
      '#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4.000000,\n720p_00000.ts\n#EXTINF:1.5,\n720p_00001.ts\n#EXT-X-ENDLIST\n';
    expect(parseMediaPlaylist(text)).toEqual([
      { uri: '720p_00000.ts', durationSec: 4 },
      { uri: '720p_00001.ts', durationSec: 1.5 },
    ]);
  });
});

describe(avcCodecString.name, () => {
  it.each([
    ['High', 40, 'avc1.640028'],
    ['Main', 31, 'avc1.4d401f'],
    ['Constrained Baseline', 30, 'avc1.42e01e'],
  ])('writes %s level %i as %s', (profile, level, expected) => {
    expect(avcCodecString(profile, level)).toBe(expected);
  });
});
