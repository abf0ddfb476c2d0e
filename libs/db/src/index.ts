export * from './asset-rows.js';
export * from './data-source.js';
export * from './database.module.js';
export * from './entities/index.js';
export * from './ensure-database.js';
export * from './media-input.js';
