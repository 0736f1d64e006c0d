export { ReviewFigureTables } from './ReviewFigureTables';
