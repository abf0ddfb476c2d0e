export * from './job-producer.js';
export * from './queue.module.js';
export * from './webhook-producer.js';
export * from './redis-policy.js';
