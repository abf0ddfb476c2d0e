export * from './http-provider.js';
export * from './provider.js';
export * from './srt.js';
export * from './whisper-cpp-provider.js';
export * from './factory.js';
