import { type CutFacts } from '@reelforge/media';
import { describe, expect, it } from 'vitest';
import { planSmartCut, smartCutPartsDurationSec, x264ParamsFromSei } from './smart-cut.js';

const X264_FAST =
  'cabac=1 ref=2 deblock=1:0:0 analyse=0x3:0x113 me=hex subme=6 psy=1 psy_rd=1.00:0.00 mixed_ref=1 me_range=16 chroma_me=1 trellis=1 8x8dct=1 cqm=0 deadzone=21,11 fast_pskip=1 chroma_qp_offset=-2 threads=3 lookahead_threads=1 sliced_threads=0 nr=0 decimate=1 interlaced=0 bluray_compat=0 constrained_intra=0 bframes=3 b_pyramid=2 b_adapt=1 b_bias=0 direct=1 weightb=1 open_gop=0 weightp=1 keyint=48 keyint_min=4 scenecut=40 intra_refresh=0 rc_lookahead=30 rc=crf mbtree=1 crf=20.0 qcomp=0.60 qpmin=0 qpmax=69 qpstep=4 ip_ratio=1.40 aq=1:1.00';

/** 30 fps in a 1/15360 time base (512 ticks a frame), a keyframe every 48 frames, B-frames delaying dts by 2. */
function facts(overrides: Partial<CutFacts> = {}, frames = 600): CutFacts {
  const packets = Array.from({ length: frames }, (_, n) => ({ pts: n * 512, dts: (n - 2) * 512, keyframe: n % 48 === 0 })); // prettier-ignore
  return {
    codec: 'h264',
    timeBase: [1, 15360],
    frameRate: [30, 1],
    averageFrameRate: [30, 1],
    startTimeSec: 0,
    colour: { space: null, primaries: null, transfer: null, range: null },
    extradataHex: '0164',
    x264Options: X264_FAST,
    packets,
    ...overrides,
  };
}
const source = { videoCodec: 'h264', formatName: 'mov,mp4,m4a,3gp,3g2,mj2', rotation: 0, colorSpace: null, colorRange: null, pixelFormat: 'yuv420p', height: 1920 }; // prettier-ignore

describe(x264ParamsFromSei.name, () => {
  it("turns x264's recorded settings into -x264-params, undoing the psy chroma offset", () => {
    const result = x264ParamsFromSei(X264_FAST);
    expect(result).toHaveProperty('params');
    const params = 'params' in result ? result.params.split(':') : [];
    expect(params).toEqual(expect.arrayContaining(['ref=2', 'bframes=3', 'b-pyramid=2', 'crf=20.0', 'psy-rd=1.00,0.00', 'chroma-qp-offset=0', 'direct=spatial', 'deblock=0,0', 'aq-mode=1'])); // prettier-ignore
  });

  it.each([
    ['open GOPs', X264_FAST.replace('open_gop=0', 'open_gop=1'), 'open GOP'],
    ['interlacing', X264_FAST.replace('interlaced=0', 'interlaced=tff'), 'interlaced'],
    ['two-pass bitrate control', X264_FAST.replace('rc=crf', 'rc=2pass'), 'rate control'],
  ])('refuses %s', (_name, options, reason) => {
    expect(x264ParamsFromSei(options)).toEqual({ reason: expect.stringContaining(reason) as unknown });
  });

  it('takes a source without B-frames as closed-GOP: x264 records open_gop only with B-frames', () => {
    const noBFrames = X264_FAST.replace(/bframes=3 .* open_gop=0 /, 'bframes=0 ');
    expect(noBFrames).not.toContain('open_gop');
    expect(x264ParamsFromSei(noBFrames)).toHaveProperty('params');
    expect(x264ParamsFromSei(X264_FAST.replace(' open_gop=0', ''))).toEqual({ reason: expect.stringContaining('open GOP') as unknown }); // prettier-ignore
  });

  it('drops values that are not plain numbers or words', () => {
    const result = x264ParamsFromSei(X264_FAST.replace('me=hex', 'me=hex:threads=999'));
    expect('params' in result && result.params.includes('threads')).toBe(false);
  });
});

describe(planSmartCut.name, () => {
  it('re-encodes up to the next keyframe and from the last one, copying between', () => {
    const decision = planSmartCut({ startSec: 5, endSec: 15, facts: facts(), source });
    // Keyframes every 1.6 s: 6.4 is the first copied, 14.4 the last; 42 head frames, 18 tail frames.
    expect(decision.plan).toMatchObject({ frameCount: 300, headFrames: 42, tailFrames: 18, copyFromPts: 192 * 512, copyToPts: 432 * 512, copyStopDts: 430 * 512 }); // prettier-ignore
  });

  it("measures the parts' progress by the longer of head and tail, which ffmpeg encodes side by side", () => {
    const decision = planSmartCut({ startSec: 5, endSec: 15, facts: facts(), source });
    expect(decision.plan && smartCutPartsDurationSec(decision.plan)).toBeCloseTo(42 / 30, 6);
  });

  it('starts on the first frame at or after an off-grid start', () => {
    const decision = planSmartCut({ startSec: 5.01, endSec: 15, facts: facts(), source });
    expect(decision.plan).toMatchObject({ startPts: 151 * 512, headFrames: 41 });
  });

  it.each([
    ['a variable frame rate', facts({ averageFrameRate: [2997, 100] }), 'variable frame rate'],
    ['a time base that does not hold whole frames', facts({ timeBase: [1, 1000] }), 'time base'],
    ['an edit list that starts late', facts({ startTimeSec: 0.5 }), 'edit list'],
    ['no x264 settings', facts({ x264Options: null }), 'x264'],
    ['a dropped frame', facts({ packets: facts().packets.filter((_, n) => n !== 200) }), 'grid'],
  ])('falls back, with a warning, for %s', (_name, cutFacts, reason) => {
    expect(planSmartCut({ startSec: 5, endSec: 15, facts: cutFacts, source })).toMatchObject({
      plan: null,
      warn: true,
      reason: expect.stringContaining(reason) as unknown,
    });
  });

  it('falls back for a rotated or BT.601 source', () => {
    expect(planSmartCut({ startSec: 5, endSec: 15, facts: facts(), source: { ...source, rotation: 90 } }).plan).toBeNull(); // prettier-ignore
    expect(planSmartCut({ startSec: 5, endSec: 15, facts: facts(), source: { ...source, colorSpace: 'smpte170m' } }).plan).toBeNull(); // prettier-ignore
  });

  it('falls back when a frame decoded after a copied keyframe shows before it (open GOP)', () => {
    const packets = facts().packets.map((packet, n) => (n === 193 ? { ...packet, pts: 191 * 512 } : n === 191 ? { ...packet, pts: 193 * 512 } : packet)); // prettier-ignore
    expect(planSmartCut({ startSec: 5, endSec: 15, facts: facts({ packets }), source })).toMatchObject({ plan: null, reason: expect.stringContaining('open') as unknown }); // prettier-ignore
  });

  it('re-encodes, without a warning, a range too short to copy a GOP', () => {
    expect(planSmartCut({ startSec: 5, endSec: 6, facts: facts(), source })).toMatchObject({ plan: null, warn: false });
  });
});
