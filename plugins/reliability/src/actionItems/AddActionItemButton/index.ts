export { AddActionItemButton } from './AddActionItemButton';
