/**
 * Markdown as one line of plain text, for search snippets, indexes and list
 * summaries: code fences, images' and links' targets, heading, list and quote
 * marks, emphasis and code marks, HTML tags and table pipes removed;
 * whitespace collapsed. Linear in the input (no backtracking patterns), since
 * the text comes from files and forms nobody vetted.
 *
 * @public
 */
export function markdownToPlainText(markdown: string): string {
  return proseLines(markdown)
    .replace(/!?\[([^\]\n]{0,500})\]\([^)\n]{0,500}\)/g, '$1')
    .replace(/<\/?[A-Za-z][^<>\n]*>/g, ' ')
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, '')
    .replace(/^[ \t]*(?:[-*+>]|\d{1,9}[.)])[ \t]+/gm, '')
    .replace(/`+/g, '')
    .replace(/\|/g, ' ')
    .replace(/[*_~]+/g, emphasisMark)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A run of `*`, `_` or `~` is dropped where it opens or closes emphasis (at a
 * word's edge) and kept inside words (`snake_case`, `2*3`).
 */
function emphasisMark(run: string, offset: number, text: string): string {
  const before = text[offset - 1];
  const after = text[offset + run.length];
  const edge = (c: string | undefined) => c === undefined || !/\w/.test(c);
  return edge(before) || edge(after) ? '' : run;
}

/**
 * The text without fenced code blocks (```` ``` ```` or `~~~`) and without the
 * separator lines of tables (`|---|:---:|`).
 */
function proseLines(markdown: string): string {
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^[ \t]{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) {
        fence = undefined;
      }
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    if (!isTableSeparator(line)) {
      kept.push(line);
    }
  }
  return kept.join('\n');
}

/** `|---|:---:|` and the like: only pipes, colons, dashes and blanks, with a dash. */
function isTableSeparator(line: string): boolean {
  return line.includes('-') && /^[ \t|:-]+$/.test(line);
}
