export * from './encoding.js';
export * from './trim.command.js';
