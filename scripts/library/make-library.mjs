// Regenerates the small bundled library in assets/ from code, so the repo carries no opaque media
// of unknown origin: `node scripts/library/make-library.mjs [outDir]`. Needs ffmpeg on PATH. Run it into a
// temporary directory and copy what changed: x264 builds differ, so an older file may not regenerate byte-for-byte.
import { createCanvas } from '@napi-rs/canvas';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2] ?? 'assets';
const ffmpeg = (args) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: 'inherit' });
for (const dir of ['overlays', 'frames', 'audio', 'styles']) mkdirSync(join(root, dir), { recursive: true });

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

/**
 * Draws `seconds` of 25 fps frames with `draw(ctx, tSec)` and encodes them to H.264. Loops are seamless
 * when `draw` is periodic in `seconds` (every motion below is a whole number of cycles per loop).
 */
async function renderCanvasVideo(path, { width, height, seconds, crf }, draw) {
  const fps = 25;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const encoder = spawn(
    'ffmpeg',
    [
      '-v', 'error', '-y',
      '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-r', String(fps), '-i', 'pipe:0',
      '-vf', 'format=yuv420p', '-c:v', 'libx264', '-preset', 'veryslow', '-crf', String(crf),
      '-g', String(fps * seconds), '-threads', '1', '-movflags', '+faststart', path,
    ], // prettier-ignore
    { stdio: ['pipe', 'inherit', 'inherit'] },
  );
  const done = new Promise((resolve, reject) => {
    encoder.on('error', reject);
    encoder.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code} for ${path}`))));
  });
  for (let frame = 0; frame < fps * seconds; frame += 1) {
    draw(ctx, frame / fps);
    const pixels = ctx.getImageData(0, 0, width, height).data;
    if (!encoder.stdin.write(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength))) {
      await new Promise((resolve) => encoder.stdin.once('drain', resolve));
    }
  }
  encoder.stdin.end();
  await done;
}

const TAU = Math.PI * 2;

// overlays/glitter-4s.mp4: gold and white sparkles twinkling on near-black, a seamless 4 s loop at
// 540x960 (scaled up at render). H.264 has no alpha, so it is made to sit UNDER a subject or to be
// laid over at low opacity: the black reads as the template's #050505 background.
{
  const [width, height, loopSec] = [540, 960, 4];
  const random = rng(21);
  const bokeh = Array.from({ length: 18 }, () => ({
    x: random() * width,
    y: random() * height,
    r: 18 + random() * 40,
    phase: random() * TAU,
  }));
  const sparkles = Array.from({ length: 170 }, () => ({
    x: random() * width,
    y: random() * height,
    r: 6 + random() ** 2 * 26,
    swayPx: 4 + random() * 10,
    cycles: 1 + Math.floor(random() * 3),
    phase: random() * TAU,
    white: random() < 0.35,
  }));
  await renderCanvasVideo(
    join(root, 'overlays/glitter-4s.mp4'),
    { width, height, seconds: loopSec, crf: 30 },
    (ctx, t) => {
      ctx.fillStyle = '#050505';
      ctx.fillRect(0, 0, width, height);
      const turn = (TAU * t) / loopSec;
      for (const b of bokeh) {
        const alpha = 0.12 + 0.08 * Math.sin(turn + b.phase);
        const glow = ctx.createRadialGradient(b.x, b.y, 0, b.x, b.y, b.r);
        glow.addColorStop(0, `rgba(212,175,55,${alpha})`);
        glow.addColorStop(1, 'rgba(212,175,55,0)');
        ctx.fillStyle = glow;
        ctx.fillRect(b.x - b.r, b.y - b.r, 2 * b.r, 2 * b.r);
      }
      for (const s of sparkles) {
        const twinkle = Math.max(0, Math.sin(s.cycles * turn + s.phase)) ** 2;
        if (twinkle < 0.02) continue;
        const x = s.x + s.swayPx * Math.sin(turn + s.phase);
        const y = s.y + s.swayPx * Math.cos(turn + s.phase);
        const r = s.r * (0.5 + 0.5 * twinkle);
        const core = s.white ? '255,255,250' : '255,236,170';
        const glow = ctx.createRadialGradient(x, y, 0, x, y, r);
        glow.addColorStop(0, `rgba(${core},${twinkle})`);
        glow.addColorStop(0.35, `rgba(244,215,120,${0.6 * twinkle})`);
        glow.addColorStop(1, 'rgba(212,175,55,0)');
        ctx.fillStyle = glow;
        ctx.beginPath();
        for (let k = 0; k < 8; k += 1) {
          const angle = (k * Math.PI) / 4 + s.phase;
          const radius = k % 2 === 0 ? r : r * 0.22;
          ctx.lineTo(x + Math.cos(angle) * radius, y + Math.sin(angle) * radius);
        }
        ctx.closePath();
        ctx.fill();
      }
    },
  );
}

// overlays/rain-4s.mp4: slanted rain streaks on near-black, seamless over 4 s (each drop falls a whole
// number of screen heights per loop). Same use as glitter: under the subject, or over it at low opacity.
{
  const [width, height, loopSec] = [540, 960, 4];
  const random = rng(33);
  const slant = 0.12;
  const drops = Array.from({ length: 160 }, () => {
    const near = random();
    return {
      x: random() * (width + slant * height),
      y0: random() * height,
      lengthPx: 20 + near * 50,
      laps: 3 + Math.floor(near * 3),
      alpha: 0.15 + near * 0.45,
      widthPx: 0.8 + near * 1.6,
    };
  });
  await renderCanvasVideo(
    join(root, 'overlays/rain-4s.mp4'),
    { width, height, seconds: loopSec, crf: 30 },
    (ctx, t) => {
      const sky = ctx.createLinearGradient(0, 0, 0, height);
      sky.addColorStop(0, '#070a10');
      sky.addColorStop(1, '#040506');
      ctx.fillStyle = sky;
      ctx.fillRect(0, 0, width, height);
      ctx.lineCap = 'round';
      for (const d of drops) {
        const span = height + d.lengthPx;
        const y = ((d.y0 + (d.laps * span * t) / loopSec) % span) - d.lengthPx;
        const x = d.x - slant * (y + d.lengthPx);
        ctx.strokeStyle = `rgba(190,210,235,${d.alpha})`;
        ctx.lineWidth = d.widthPx;
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.lineTo(x - slant * d.lengthPx, y + d.lengthPx);
        ctx.stroke();
      }
    },
  );
}

// overlays/dust-4s.mp4: old-film dust, specks and the odd hair on mid grey with a faint flicker, to lay
// over a picture at low opacity (0.1-0.25) like grain-4s. Every frame differs, so any loop point is seamless.
{
  const [width, height, loopSec] = [540, 960, 4];
  const random = rng(45);
  await renderCanvasVideo(join(root, 'overlays/dust-4s.mp4'), { width, height, seconds: loopSec, crf: 32 }, (ctx) => {
    const level = 128 + Math.round((random() - 0.5) * 6);
    ctx.fillStyle = `rgb(${level},${level},${level})`;
    ctx.fillRect(0, 0, width, height);
    const specks = 6 + Math.floor(random() * 10);
    for (let i = 0; i < specks; i += 1) {
      const dark = random() < 0.75;
      ctx.fillStyle = dark ? `rgba(20,18,15,${0.5 + random() * 0.5})` : `rgba(245,245,240,${0.4 + random() * 0.5})`;
      ctx.beginPath();
      ctx.ellipse(
        random() * width,
        random() * height,
        0.6 + random() * 3,
        0.6 + random() * 2.5,
        random() * Math.PI,
        0,
        TAU,
      );
      ctx.fill();
    }
    if (random() < 0.18) {
      ctx.strokeStyle = 'rgba(25,22,18,0.8)';
      ctx.lineWidth = 0.8 + random();
      const [x, y] = [random() * width, random() * height];
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.bezierCurveTo(
        x + 20 * random(),
        y + 15,
        x - 15 * random(),
        y + 30,
        x + 10 * random(),
        y + 20 + 30 * random(),
      );
      ctx.stroke();
    }
    if (random() < 0.3) {
      ctx.fillStyle = 'rgba(235,235,230,0.35)';
      ctx.fillRect(random() * width, 0, 1, height);
    }
  });
}

// styles/*.mp4: abstract b-roll for the style-clip template, 540x960, 30 s, no audio. Each clip has
// a part a window must not use, listed in styles/style_skips.json.
const styleEncode = (crf) => [
  '-c:v',
  'libx264',
  '-preset',
  'slow',
  '-crf',
  String(crf),
  '-g',
  '250',
  '-threads',
  '1',
  '-movflags',
  '+faststart',
];

// aurora: slow drifting teal and violet light on navy, opening with 3 s of colour bars (a slate).
ffmpeg([
  '-f', 'lavfi', '-i', 'smptehdbars=s=540x960:r=25:d=3',
  '-f', 'lavfi', '-i',
  'gradients=s=540x960:r=25:d=27:n=4:c0=#0B1E3F:c1=#2E8B7A:c2=#7B3FA0:c3=#0A0A14:seed=11:speed=0.004,' +
    'format=gbrp,gblur=sigma=24,eq=contrast=1.1:saturation=1.25,vignette=PI/4',
  '-filter_complex', '[0]format=gbrp[slate];[slate][1]concat=n=2:v=1,format=yuv420p',
  ...styleEncode(30), join(root, 'styles/aurora.mp4'),
]); // prettier-ignore

// silk: warm gold folds of light, with a 2 s black drop-out at 14-16 s.
ffmpeg([
  '-f', 'lavfi', '-i',
  "nullsrc=s=270x480:r=25:d=30,geq=lum='128+127*sin(0.7*(sin(X/41+T*0.35)+sin(Y/67-T*0.27)" +
    "+sin(hypot(X-135-60*sin(T*0.2),Y-240)/33-T*0.5)))':cb=128:cr=128,format=gray,scale=540:960,format=gbrp," +
    "lutrgb=r='30+200*pow(val/255\\,1.1)':g='18+150*pow(val/255\\,1.5)':b='20+70*pow(val/255\\,2.4)'," +
    'gblur=sigma=3,vignette=PI/4',
  '-filter_complex',
  "[0]split[a][b];[a]trim=0:14[head];[b]trim=16:30,setpts=PTS-STARTPTS[tail];" +
    "color=c=black:s=540x960:r=25:d=2,format=gbrp[gap];[head][gap][tail]concat=n=3:v=1,format=yuv420p",
  ...styleEncode(28), join(root, 'styles/silk.mp4'),
]); // prettier-ignore

// ember: glowing cells growing and fading on plum-black (Conway's life, blurred into bokeh); the last
// 2 s fade to black.
ffmpeg([
  '-f', 'lavfi', '-i',
  'life=s=90x160:r=25:mold=10:life_color=#FFD9A0:mold_color=#3A1030:death_color=#07040A:ratio=0.2:random_seed=5,' +
    'trim=duration=30,scale=540:960:flags=bicubic,format=gbrp,gblur=sigma=10,eq=contrast=1.25:saturation=1.2,' +
    'vignette=PI/4,fade=t=out:st=28:d=2,format=yuv420p',
  ...styleEncode(32), join(root, 'styles/ember.mp4'),
]); // prettier-ignore

// Skip zones per style clip, [startSec, endSec]: the slate, the drop-out and the fade to black (each
// with a margin, so no window starts on the last frame of one). One clip per line, for readable diffs.
{
  const skips = { aurora: [[0, 3.2]], silk: [[13.8, 16.2]], ember: [[27.8, 30]] };
  const lines = Object.entries(skips).map(([name, zones]) => `  ${JSON.stringify(name)}: ${JSON.stringify(zones)}`);
  writeFileSync(join(root, 'styles/style_skips.json'), `{\n${lines.join(',\n')}\n}\n`);
}

// audio/beat-120bpm-30s.m4a: four-on-the-floor at exactly 120 BPM (kick on every beat, clap on 2 and 4,
// hats on the off-beats) over an Am-F-C-G pad, one chord per bar: a clear pulse for beat-synced cuts.
{
  const beat = 'mod(t,0.5)';
  const kick = `0.9*sin(2*PI*(48*${beat}+6*(1-exp(-${beat}*30))))*exp(-${beat}*9)`;
  const clapPhase = 'mod(t-0.5,1)';
  const clap = `0.35*(2*random(0)-1)*exp(-${clapPhase}*28)`;
  const hatPhase = 'mod(t-0.25,0.5)';
  const hat = `0.12*(2*random(1)-1)*exp(-${hatPhase}*90)`;
  // Chord roots per 2 s bar: A3, F3, C4, G3 with their triads.
  const chord = (a, b, c) => `(sin(2*PI*${a}*t)+0.8*sin(2*PI*${b}*t)+0.7*sin(2*PI*${c}*t))`;
  const bar = 'mod(floor(t/2),4)';
  const pad =
    `0.09*if(eq(${bar},0),${chord(220, 261.63, 329.63)},if(eq(${bar},1),${chord(174.61, 220, 261.63)},` +
    `if(eq(${bar},2),${chord(261.63, 329.63, 392)},${chord(196, 246.94, 293.66)})))*(1-0.5*exp(-mod(t,2)*4))`;
  ffmpeg([
    '-f', 'lavfi', '-i', `aevalsrc='${kick}':s=44100:d=30`,
    '-f', 'lavfi', '-i', `aevalsrc='${clap}+${hat}':s=44100:d=30`,
    '-f', 'lavfi', '-i', `aevalsrc='${pad}':s=44100:d=30`,
    '-filter_complex',
    '[1]highpass=f=2500[noise];[2]lowpass=f=1800[padf];' +
      // Peaks of kick + clap + pad add up past full scale: bring them down to about -5 dBFS.
      '[0][noise][padf]amix=inputs=3:normalize=0,volume=0.55,afade=t=in:d=0.05,afade=t=out:st=28:d=2,' +
      'aformat=channel_layouts=stereo',
    '-c:a', 'aac', '-b:a', '80k', join(root, 'audio/beat-120bpm-30s.m4a'),
  ]); // prettier-ignore
}

console.log(`Library written under ${root}/`);
