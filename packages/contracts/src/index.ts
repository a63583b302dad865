export * from './coverage.js';
export * from './filters.js';
export * from './money.js';
export * from './records.js';
export * from './responses.js';
export * from './summary.js';
export * from './sync.js';
export * from './time.js';
