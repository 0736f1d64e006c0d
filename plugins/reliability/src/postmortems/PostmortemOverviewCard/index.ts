export { PostmortemOverviewCard } from './PostmortemOverviewCard';
