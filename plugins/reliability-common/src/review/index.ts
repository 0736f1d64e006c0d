export * from './period';
export * from './schemas';
export * from './types';
