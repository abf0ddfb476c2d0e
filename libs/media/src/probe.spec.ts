import { AssetKind, DomainError, type ProbeFacts } from '@reelforge/contracts';
import { describe, expect, it } from 'vitest';

import { classifyMedia, parseFrameRate, parseProbeOutput, type ProbeLimits } from './probe.js';

const limits: ProbeLimits = { maxDurationSec: 3600, maxPixels: 4096 * 2160 };

const h264 = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  index: 0,
  codec_name: 'h264',
  codec_type: 'video',
  width: 1920,
  height: 1080,
  r_frame_rate: '30000/1001',
  avg_frame_rate: '30000/1001',
  pix_fmt: 'yuv420p',
  color_space: 'bt709',
  color_range: 'tv',
  disposition: { default: 1, attached_pic: 0 },
  ...overrides,
});
const aac = { index: 1, codec_name: 'aac', codec_type: 'audio', sample_rate: '48000', channels: 2 };
const mp4Format = { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '12.500000', tags: { major_brand: 'isom' } };

/** ffprobe -show_format -show_streams -of json outputs, as scenarios. */
const probeStub = {
  landscapeMp4: { streams: [h264(), aac], format: mp4Format },
  portraitPhone: {
    streams: [
      h264({
        width: 1920,
        height: 1080,
        side_data_list: [{ side_data_type: 'Display Matrix', displaymatrix: '...', rotation: -90 }],
      }),
      aac,
    ],
    format: { ...mp4Format, tags: { major_brand: 'qt  ' } },
  },
  upsideDown: {
    streams: [h264({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 180 }] })],
    format: mp4Format,
  },
  rotatedClockwise270: {
    streams: [h264({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 90 }] })],
    format: mp4Format,
  },
  oldFfprobeRotateTag: { streams: [h264({ tags: { rotate: '90' } })], format: mp4Format },
  zeroSize: { streams: [h264({ width: 0, height: 0 })], format: mp4Format },
  missingSize: { streams: [h264({ width: undefined, height: undefined })], format: mp4Format },
  tooWide: { streams: [h264({ width: 20_000, height: 100 })], format: mp4Format },
  tooManyPixels: { streams: [h264({ width: 8192, height: 8192 })], format: mp4Format },
  hugeDuration: { streams: [h264(), aac], format: { ...mp4Format, duration: '86400.000000' } },
  negativeDuration: { streams: [h264()], format: { ...mp4Format, duration: '-3' } },
  naDuration: { streams: [h264()], format: { ...mp4Format, duration: 'N/A' } },
  streamDurationOnly: {
    streams: [h264({ duration: '4.2' }), { ...aac, duration: '4.25' }],
    format: { format_name: 'mpegts' },
  },
  manyStreams: { streams: Array.from({ length: 17 }, (_, index) => ({ ...aac, index })), format: mp4Format },
  unknownFrameRate: { streams: [h264({ avg_frame_rate: '0/0', r_frame_rate: '25/1' })], format: mp4Format },
  absurdFrameRate: { streams: [h264({ avg_frame_rate: '1000/1', r_frame_rate: '1000/1' })], format: mp4Format },
  mp3WithCover: {
    streams: [
      { index: 0, codec_name: 'mp3', codec_type: 'audio' },
      { index: 1, codec_name: 'png', codec_type: 'video', width: 600, height: 600, disposition: { attached_pic: 1 } },
    ],
    format: { format_name: 'mp3', duration: '180.5' },
  },
  png: {
    streams: [{ index: 0, codec_name: 'png', codec_type: 'video', width: 640, height: 480, r_frame_rate: '25/1' }],
    format: { format_name: 'png_pipe' },
  },
  jpegViaImage2: {
    streams: [{ index: 0, codec_name: 'mjpeg', codec_type: 'video', width: 64, height: 48 }],
    format: { format_name: 'image2' },
  },
  hugePng: {
    streams: [{ index: 0, codec_name: 'png', codec_type: 'video', width: 16_000, height: 16_000 }],
    format: { format_name: 'png_pipe' },
  },
  webmVp9Opus: {
    streams: [h264({ codec_name: 'vp9', avg_frame_rate: '25/1' }), { ...aac, codec_name: 'opus' }],
    format: { format_name: 'matroska,webm', duration: '3.0' },
  },
  mkvH264: { streams: [h264(), aac], format: { format_name: 'matroska,webm', duration: '3.0' } },
  proresMov: { streams: [h264({ codec_name: 'prores' }), { ...aac, codec_name: 'pcm_s16le' }], format: mp4Format },
  m4aAudio: { streams: [aac], format: mp4Format },
  wav: {
    streams: [{ index: 0, codec_name: 'pcm_s16le', codec_type: 'audio' }],
    format: { format_name: 'wav', duration: '2.0' },
  },
  hlsPlaylist: { streams: [h264()], format: { format_name: 'hls', duration: '10' } },
  noStreams: { streams: [], format: mp4Format },
  subtitlesOnly: { streams: [{ index: 0, codec_name: 'mov_text', codec_type: 'subtitle' }], format: mp4Format },
  garbage: { streams: 'lots', format: 42 },
};

function invalidMedia(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'invalid_media') return error;
    throw error;
  }
  throw new Error('expected invalid_media');
}

describe(parseProbeOutput.name, () => {
  it('returns the facts of a plain mp4 with audio', () => {
    expect(parseProbeOutput(probeStub.landscapeMp4, limits)).toEqual({
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      durationSec: 12.5,
      width: 1920,
      height: 1080,
      fps: 30000 / 1001,
      videoCodec: 'h264',
      audioCodec: 'aac',
      hasVideo: true,
      hasAudio: true,
      rotation: 0,
      colorSpace: 'bt709',
      colorRange: 'tv',
      pixelFormat: 'yuv420p',
      videoProfile: null,
      videoLevel: null,
      streams: [
        { index: 0, type: 'video', codec: 'h264' },
        { index: 1, type: 'audio', codec: 'aac' },
      ],
    } satisfies ProbeFacts);
  });

  it.each([
    ['a portrait phone video (display matrix -90)', probeStub.portraitPhone, 90],
    ['an upside-down video', probeStub.upsideDown, 180],
    ['a display matrix of +90', probeStub.rotatedClockwise270, 270],
    ["old ffprobe's clockwise rotate tag", probeStub.oldFfprobeRotateTag, 90],
  ])('reads the clockwise rotation of %s', (_name, stub, rotation) => {
    expect(parseProbeOutput(stub, limits).rotation).toBe(rotation);
  });

  it.each([
    ['zero width and height', probeStub.zeroSize, /no valid size/],
    ['missing width and height', probeStub.missingSize, /no valid size/],
    ['a width over the limit', probeStub.tooWide, /20000x100; the limit is 16384x16384/],
    ['too many pixels', probeStub.tooManyPixels, /67108864 pixels/],
    ['a duration over the limit', probeStub.hugeDuration, /lasts 86400\.000s; the limit is 3600s/],
    ['a negative duration', probeStub.negativeDuration, /no valid duration/],
    ['an N/A duration', probeStub.naDuration, /no valid duration/],
    ['more streams than allowed', probeStub.manyStreams, /17 streams; the limit is 16/],
    ['an absurd frame rate', probeStub.absurdFrameRate, /1000\.00 fps; the limit is 240/],
    ['an image over the pixel limit', probeStub.hugePng, /pixels/],
    ['a playlist format', probeStub.hlsPlaylist, /format hls is not allowed/],
    ['no streams', probeStub.noStreams, /not a media file/],
    ['only subtitles', probeStub.subtitlesOnly, /not a media file/],
    ['malformed JSON', probeStub.garbage, /not a media file/],
  ])('refuses %s as invalid_media', (_name, stub, message) => {
    expect(invalidMedia(() => parseProbeOutput(stub, limits)).message).toMatch(message);
  });

  it('honours narrower limits', () => {
    expect(
      invalidMedia(() => parseProbeOutput(probeStub.landscapeMp4, { ...limits, maxWidthPx: 1280 })).message,
    ).toMatch(/limit is 1280x16384/);
    expect(invalidMedia(() => parseProbeOutput(probeStub.landscapeMp4, { ...limits, maxStreams: 1 })).message).toMatch(
      /limit is 1$/,
    );
    expect(invalidMedia(() => parseProbeOutput(probeStub.wav, { ...limits, maxDurationSec: 1 })).message).toMatch(
      /limit is 1s/,
    );
  });

  it('uses the longest stream when the container has no duration', () => {
    expect(parseProbeOutput(probeStub.streamDurationOnly, limits).durationSec).toBe(4.25);
  });

  it('falls back to r_frame_rate when avg_frame_rate is 0/0', () => {
    expect(parseProbeOutput(probeStub.unknownFrameRate, limits).fps).toBe(25);
  });

  it('treats cover art as not video', () => {
    expect(parseProbeOutput(probeStub.mp3WithCover, limits)).toMatchObject({
      hasVideo: false,
      hasAudio: true,
      width: null,
      videoCodec: null,
      audioCodec: 'mp3',
      durationSec: 180.5,
    });
  });

  it('reports an image with its size, no duration and no video', () => {
    expect(parseProbeOutput(probeStub.png, limits)).toMatchObject({
      hasVideo: false,
      hasAudio: false,
      width: 640,
      height: 480,
      durationSec: null,
      fps: null,
      videoCodec: 'png',
    });
  });
});

describe(parseFrameRate.name, () => {
  it.each([
    ['30000/1001', 30000 / 1001],
    ['25/1', 25],
    ['24', 24],
    ['0/0', null],
    ['25/0', null],
    ['abc', null],
    [null, null],
  ])('parses %s', (value, expected) => {
    expect(parseFrameRate(value)).toBe(expected);
  });
});

describe(classifyMedia.name, () => {
  const classify = (stub: unknown): ReturnType<typeof classifyMedia> => classifyMedia(parseProbeOutput(stub, limits));

  it.each([
    ['an h264/aac mp4', probeStub.landscapeMp4, { kind: AssetKind.Video, mime: 'video/mp4', extension: 'mp4' }],
    [
      'a ProRes QuickTime file',
      probeStub.proresMov,
      { kind: AssetKind.Video, mime: 'video/quicktime', extension: 'mov' },
    ],
    ['a vp9/opus webm', probeStub.webmVp9Opus, { kind: AssetKind.Video, mime: 'video/webm', extension: 'webm' }],
    ['an h264 mkv', probeStub.mkvH264, { kind: AssetKind.Video, mime: 'video/x-matroska', extension: 'mkv' }],
    ['an mpegts stream', probeStub.streamDurationOnly, { kind: AssetKind.Video, mime: 'video/mp2t', extension: 'ts' }],
    ['an mp3 with cover art', probeStub.mp3WithCover, { kind: AssetKind.Audio, mime: 'audio/mpeg', extension: 'mp3' }],
    ['an m4a', probeStub.m4aAudio, { kind: AssetKind.Audio, mime: 'audio/mp4', extension: 'm4a' }],
    ['a wav', probeStub.wav, { kind: AssetKind.Audio, mime: 'audio/wav', extension: 'wav' }],
    ['a png', probeStub.png, { kind: AssetKind.Image, mime: 'image/png', extension: 'png' }],
    ['a jpeg read by image2', probeStub.jpegViaImage2, { kind: AssetKind.Image, mime: 'image/jpeg', extension: 'jpg' }],
  ])('classifies %s', (_name, stub, expected) => {
    expect(classify(stub)).toEqual(expected);
  });

  it('refuses an image codec it cannot serve', () => {
    const tiff = {
      streams: [{ index: 0, codec_name: 'tiff', codec_type: 'video', width: 8, height: 8 }],
      format: { format_name: 'image2' },
    };
    expect(invalidMedia(() => classify(tiff)).message).toMatch(/image codec tiff/);
  });
});
