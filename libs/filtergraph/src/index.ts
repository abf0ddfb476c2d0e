export * from './anchors.js';
export * from './expression.js';
export * from './filter-graph.js';
export * from './format-number.js';
