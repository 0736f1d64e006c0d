export * from './api';
export * from './mapping';
export * from './recovery';
export * from './schemas';
