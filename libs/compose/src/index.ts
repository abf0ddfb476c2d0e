export * from './ken-burns.js';
export * from './plan.js';
export * from './spec.js';
export * from './timeline.js';
export * from './validate.js';
