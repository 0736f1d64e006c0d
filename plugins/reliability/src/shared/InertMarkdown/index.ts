export { InertMarkdown, sameOriginImageUri } from './InertMarkdown';
