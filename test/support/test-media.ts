import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = join(tmpdir(), 'reelforge-test-media');

/** Generates a clip once per machine with ffmpeg's lavfi sources; nothing is downloaded. */
function generate(name: string, args: string[]): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  if (!existsSync(path)) {
    const partial = `${path}.part${name.slice(name.lastIndexOf('.'))}`;
    execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, partial]);
    execFileSync('mv', [partial, path]);
  }
  return path;
}

/** Named scenarios, like immich's probe stubs. */
export const testMedia = {
  /** x264 with B-frames, tagged BT.709 limited, a keyframe every 0.8 s: a source a smart cut can copy from. */
  clipBt709x264: () =>
    generate('clip-6s-320x240-bt709-x264.mp4', [
      '-f', 'lavfi', '-i', 'testsrc=s=320x240:r=25:d=6', '-f', 'lavfi', '-i', 'sine=f=440:d=6',
      '-c:v', 'libx264', '-preset', 'faster', '-g', '20', '-pix_fmt', 'yuv420p', '-colorspace', 'bt709',
      '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv', '-c:a', 'aac', '-shortest',
    ]), // prettier-ignore
  /**
   * One frame of a lavfi pattern as PNG, e.g. a product shot: testsrc2's circles show at once when an image is
   * stretched or cropped wrongly.
   */
  still: (name: string, size: string, pattern: 'testsrc2' | 'smptehdbars' | 'rgbtestsrc' = 'testsrc2') =>
    generate(name, ['-f', 'lavfi', '-i', `${pattern}=s=${size}:r=1`, '-frames:v', '1']),
  /** 10 s, 320x240, 25 fps, keyframe every 2 s, 440 Hz tone. */
  clip10s: () =>
    generate('clip-10s-320x240.mp4', [
      '-f',
      'lavfi',
      '-i',
      'testsrc=s=320x240:r=25:d=10',
      '-f',
      'lavfi',
      '-i',
      'sine=f=440:d=10',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-g',
      '50',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
    ]),
  /** 4 s, 1280x720, 30 fps, with a tone: big enough for a 720p + 480p ladder. */
  clip720p4s: () =>
    generate('clip-4s-1280x720.mp4', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=s=1280x720:r=30:d=4',
      '-f',
      'lavfi',
      '-i',
      'sine=f=440:d=4',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
    ]),
  /** 12 s of 1.5 kHz clicks every 0.5 s (120 BPM), AAC: a beat analysis must find 120. */
  clicks120bpm: () =>
    generate('clicks-120bpm-12s.m4a', [
      '-f',
      'lavfi',
      '-i',
      "aevalsrc='0.9*sin(2*PI*1500*t)*exp(-mod(t,0.5)*300)':s=44100:d=12",
      '-c:a',
      'aac',
      '-b:a',
      '128k',
    ]),
  png64: () => generate('red-64x64.png', ['-f', 'lavfi', '-i', 'color=red:s=64x64', '-frames:v', '1']),
  wav3s: () => generate('tone-3s.wav', ['-f', 'lavfi', '-i', 'sine=f=330:d=3']),
  textAsMp4: () => writeOnce('notes.mp4', 'this is not a video, just text\n'),
  empty: () => writeOnce('empty.mp4', ''),
  /** An HLS playlist dressed as an mp4, pointing at a local file ffmpeg must never open. */
  hlsAsMp4: () =>
    writeOnce('playlist.mp4', '#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n'),
};

function writeOnce(name: string, content: string | Buffer): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
