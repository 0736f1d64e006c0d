export { StatusMoves } from './StatusMoves';
