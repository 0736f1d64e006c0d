export { SloCardItem, forecastText } from './SloCardItem';
