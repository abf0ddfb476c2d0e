export * from './job-producer.js';
export * from './queue.module.js';
