// Regenerates the small bundled library in assets/ from code, so the repo carries no opaque media
// of unknown origin: `node scripts/library/make-library.mjs`. Needs ffmpeg on PATH.
import { createCanvas } from '@napi-rs/canvas';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2] ?? 'assets';
const ffmpeg = (args) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: 'inherit' });
for (const dir of ['overlays', 'frames', 'audio']) mkdirSync(join(root, dir), { recursive: true });

/** Deterministic pseudo-random numbers, so regenerating gives the same bytes. */
function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

// overlays/sparkles.png: four-pointed stars on transparency, for a festive layer or a logo stand-in.
{
  const size = 512;
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  const random = rng(7);
  for (let i = 0; i < 40; i += 1) {
    const x = random() * size;
    const y = random() * size;
    const r = 4 + random() * 18;
    const glow = ctx.createRadialGradient(x, y, 0, x, y, r);
    glow.addColorStop(0, 'rgba(255,250,230,1)');
    glow.addColorStop(0.4, 'rgba(244,215,120,0.8)');
    glow.addColorStop(1, 'rgba(212,175,55,0)');
    ctx.fillStyle = glow;
    ctx.beginPath();
    for (let k = 0; k < 8; k += 1) {
      const angle = (k * Math.PI) / 4;
      const radius = k % 2 === 0 ? r : r * 0.25;
      ctx.lineTo(x + Math.cos(angle) * radius, y + Math.sin(angle) * radius);
    }
    ctx.closePath();
    ctx.fill();
  }
  writeFileSync(join(root, 'overlays/sparkles.png'), await canvas.encode('png'));
}

// overlays/reelforge-logo.png: a simple wordmark-free mark for watermark examples.
{
  const canvas = createCanvas(256, 256);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.beginPath();
  ctx.arc(128, 128, 120, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#D4AF37';
  ctx.beginPath();
  ctx.moveTo(96, 72);
  ctx.lineTo(192, 128);
  ctx.lineTo(96, 184);
  ctx.closePath();
  ctx.fill();
  writeFileSync(join(root, 'overlays/reelforge-logo.png'), await canvas.encode('png'));
}

// frames/golden-frame-1080x1920.png: a 9:16 gold border with a transparent centre.
{
  const [width, height, borderPx] = [1080, 1920, 36];
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const gold = ctx.createLinearGradient(0, 0, width, height);
  gold.addColorStop(0, '#F4E1A1');
  gold.addColorStop(0.35, '#D4AF37');
  gold.addColorStop(0.65, '#B8902A');
  gold.addColorStop(1, '#E9C96B');
  ctx.fillStyle = gold;
  ctx.fillRect(0, 0, width, height);
  ctx.clearRect(borderPx, borderPx, width - 2 * borderPx, height - 2 * borderPx);
  ctx.strokeStyle = 'rgba(255,245,210,0.9)';
  ctx.lineWidth = 3;
  ctx.strokeRect(borderPx + 10, borderPx + 10, width - 2 * borderPx - 20, height - 2 * borderPx - 20);
  writeFileSync(join(root, 'frames/golden-frame-1080x1920.png'), await canvas.encode('png'));
}

// overlays/grain-4s.mp4: film grain to blend over a picture (small, scaled up when used).
ffmpeg([
  '-f',
  'lavfi',
  '-i',
  'color=c=gray:s=270x480:r=25:d=4,noise=alls=60:allf=t+u,format=yuv420p',
  '-c:v',
  'libx264',
  '-preset',
  'veryslow',
  '-crf',
  '38',
  '-g',
  '100',
  '-movflags',
  '+faststart',
  join(root, 'overlays/grain-4s.mp4'),
]);

// audio/soft-bed-20s.m4a: a slow A-minor pad with a gentle pulse at 96 BPM, faded at both ends.
ffmpeg([
  '-f',
  'lavfi',
  '-i',
  "aevalsrc='0.18*(sin(2*PI*220*t)+0.7*sin(2*PI*261.63*t)+0.6*sin(2*PI*329.63*t))*(0.6+0.4*pow(sin(PI*t*96/60),8))':s=44100:d=20",
  '-af',
  'afade=t=in:d=1.5,afade=t=out:st=18:d=2,aformat=channel_layouts=stereo',
  '-c:a',
  'aac',
  '-b:a',
  '96k',
  join(root, 'audio/soft-bed-20s.m4a'),
]);

console.log(`Library written under ${root}/`);
