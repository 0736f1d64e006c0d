import { markdownToPlainText } from '@reliability-hub/plugin-reliability-common';

/**
 * The most text a document of ours gives the search index. A postmortem may
 * hold five sections of 100,000 characters; indexing 100,000 postmortems
 * whole could hold gigabytes in an in-memory engine and in PostgreSQL's
 * tsvectors. The first 8,000 characters (some 1,200 words: the summary and
 * most of the analysis) are what a search finds a document by.
 *
 * @internal
 */
export const MAX_DOCUMENT_TEXT = 8_000;

/**
 * The non-empty parts joined by `separator`, cut to
 * {@link MAX_DOCUMENT_TEXT} characters at a word boundary, with `…` where it
 * was cut.
 *
 * @internal
 */
export function boundedText(
  parts: Array<string | null | undefined>,
  separator: string,
): string {
  let text = '';
  for (const part of parts) {
    if (!part) {
      continue;
    }
    text += text ? separator + part : part;
    if (text.length > MAX_DOCUMENT_TEXT) {
      break;
    }
  }
  if (text.length <= MAX_DOCUMENT_TEXT) {
    return text;
  }
  const cut = text.slice(0, MAX_DOCUMENT_TEXT - 2);
  const space = cut.lastIndexOf(' ');
  // A word cut in half would be indexed as a word nobody wrote.
  return `${space > MAX_DOCUMENT_TEXT - 200 ? cut.slice(0, space) : cut} …`;
}

/**
 * A Markdown section as plain text for the index, so that snippets show words
 * rather than `**` and `|---|`. Only its start is read: more than
 * {@link MAX_DOCUMENT_TEXT} characters of it never reach the index anyway.
 *
 * @internal
 */
export function plainSection(markdown: string | null | undefined): string {
  return markdown
    ? markdownToPlainText(markdown.slice(0, MAX_DOCUMENT_TEXT * 2))
    : '';
}
