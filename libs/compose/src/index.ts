export * from './spec.js';
export * from './validate.js';
