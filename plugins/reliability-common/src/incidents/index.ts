export * from './types';
export * from './severity';
export * from './lifecycle';
export * from './times';
export * from './schemas';
export * from './policy';
export * from './clocks';
export * from './templates';
