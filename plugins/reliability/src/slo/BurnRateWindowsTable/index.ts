export { BurnRateWindowsTable } from './BurnRateWindowsTable';
