export type { PostmortemSearchDocument } from './PostmortemCollatorFactory';
export type { RunbookSearchDocument } from './RunbookCollatorFactory';
