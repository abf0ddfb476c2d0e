export * from './srt.js';
