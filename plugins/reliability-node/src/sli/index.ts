export * from './types';
export * from './extensionPoint';
export * from './SliSourceRegistry';
