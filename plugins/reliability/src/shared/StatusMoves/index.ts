export { StatusMoves } from './StatusMoves';
export type { StatusMovesSpec } from './StatusMoves';
