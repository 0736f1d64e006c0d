export * from './budget';
export * from './burnRate';
export * from './alerts';
export * from './forecast';
export * from './policy';
export * from './windows';
export * from './timeslices';
export * from './api';
