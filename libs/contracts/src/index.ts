export * from './enums.js';
export * from './errors.js';
export * from './job-body.js';
export * from './job-control.js';
export * from './media.js';
export * from './queues.js';
export * from './timecode.js';
export * from './transcript.js';
