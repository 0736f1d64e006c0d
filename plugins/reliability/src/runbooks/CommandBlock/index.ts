export { CommandBlock } from './CommandBlock';
