export * from './job-context.js';
export * from './logger.js';
export * from './metrics.js';
export * from './redact.js';
export * from './nest-logger.js';
