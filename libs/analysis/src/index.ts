export * from './beats.js';
export * from './fft.js';
export * from './decode-pcm.js';
