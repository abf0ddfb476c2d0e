export * from './local-storage.js';
export * from './storage-keys.js';
export * from './storage.module.js';
export * from './library-catalog.js';
