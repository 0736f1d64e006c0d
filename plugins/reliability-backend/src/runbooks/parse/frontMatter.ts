/**
 * Whether a file is read as Markdown with YAML front matter: by extension
 * (`.md`, `.markdown`); `.yaml`/`.yml` are always YAML; any other name is
 * Markdown when its first line is `---`.
 *
 * @internal
 */
export function isMarkdownRunbookFile(file: string, text: string): boolean {
  const lower = file.toLocaleLowerCase('en-US');
  if (/\.(md|markdown)$/.test(lower)) {
    return true;
  }
  if (/\.(ya?ml)$/.test(lower)) {
    return false;
  }
  return /^---[ \t]*(\n|$)/.test(text);
}

/**
 * The YAML text of a runbook file, and where it stands in the file.
 *
 * @internal
 */
export interface Source {
  /** The YAML text to parse. */
  yaml: string;
  /** Lines before the YAML text in the file (the front matter's `---`). */
  lineOffset: number;
  /** The Markdown body, for front matter. */
  body?: string;
}

/**
 * The text without a byte order mark, with `\n` line ends.
 *
 * @internal
 */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * The front matter of a Markdown runbook as YAML, and its body; or why
 * there is none.
 *
 * @internal
 */
export function splitFrontMatter(
  text: string,
): { ok: true; source: Source } | { ok: false; line: number; message: string } {
  const lines = text.split('\n');
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) {
    return {
      ok: false,
      line: 1,
      message:
        'Markdown runbook has no YAML front matter (the file must start with a "---" line, then the runbook fields, then a closing "---" line)',
    };
  }
  const end = lines.findIndex(
    (line, index) => index > 0 && /^(---|\.\.\.)[ \t]*$/.test(line),
  );
  if (end < 0) {
    return {
      ok: false,
      line: 1,
      message:
        'the YAML front matter opened on line 1 is never closed (expected a "---" line after the runbook fields)',
    };
  }
  return {
    ok: true,
    source: {
      yaml: lines.slice(1, end).join('\n'),
      lineOffset: 1,
      body: lines
        .slice(end + 1)
        .join('\n')
        .trim(),
    },
  };
}
