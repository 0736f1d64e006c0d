export { DebouncedTextField, DEBOUNCE_MS } from './DebouncedTextField';
