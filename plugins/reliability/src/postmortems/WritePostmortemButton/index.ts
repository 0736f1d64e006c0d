export { WritePostmortemButton } from './WritePostmortemButton';
