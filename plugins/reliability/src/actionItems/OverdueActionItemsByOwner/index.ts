export { OverdueActionItemsByOwner } from './OverdueActionItemsByOwner';
