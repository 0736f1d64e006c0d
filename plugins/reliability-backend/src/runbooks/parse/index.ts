export { contentHash } from './contentHash';
export { isMarkdownRunbookFile } from './frontMatter';
export { parseRunbookFile } from './parseRunbookFile';
export { formatFieldPath, formatRunbookProblem } from './problems';
export { isValidIsoDate, runbookDocumentSchema } from './schema';
export { isRunbookStale, runbookReviewDueDate } from './stale';
export * from './types';
