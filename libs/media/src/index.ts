export * from './binaries.js';
export * from './ffmpeg-runner.js';
export * from './formats.js';
export * from './probe.js';
export * from './cut-facts.js';
export * from './mp4-track.js';
