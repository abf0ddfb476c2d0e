export * from './encoding.js';
export * from './trim.command.js';
export * from './thumbnail.command.js';
export * from './transcode.command.js';
export * from './overlay.command.js';
export * from './smart-cut.js';
