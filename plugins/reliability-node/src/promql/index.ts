export * from './promql';
