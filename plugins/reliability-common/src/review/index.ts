export * from './period';
export * from './schemas';
export * from './types';
export * from './reviewTable';
