export * from './types';
export { layerShifts } from './rotation';
export { finalSchedule, gaps, onCallAt, nextShiftFor } from './finalSchedule';
export * from './validation';
export * from './api';
