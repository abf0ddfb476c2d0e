export * from './address-policy.js';
export * from './cidr.js';
export * from './safe-request.js';
export * from './signature.js';
export * from './webhook-url.js';
