import { IndexedRunbook } from './RunbookStore';

/**
 * The text the library's search looks in: title, description, steps and
 * their commands, alerts, tags and the rest of a runbook's prose, lower-cased
 * on one line per part.
 *
 * @internal
 */
export function runbookSearchText(runbook: IndexedRunbook): string {
  const parts: Array<string | undefined> = [
    runbook.title,
    runbook.description,
    runbook.url,
    ...runbook.alerts,
    ...runbook.tags,
  ];
  const parsed = runbook.runbook;
  if (parsed) {
    parts.push(parsed.id, parsed.incidentType, ...parsed.prerequisites);
    for (const step of parsed.steps) {
      parts.push(step.title, step.description, step.expected);
      for (const command of step.commands) {
        parts.push(command.run, command.description);
      }
      for (const decision of step.decisions) {
        parts.push(decision.condition, decision.action);
      }
    }
    parts.push(...parsed.verification);
    for (const rung of parsed.escalation) {
      parts.push(rung.who, rung.contact);
    }
  }
  return parts
    .filter((part): part is string => Boolean(part))
    .map(part => part.replaceAll('\u0000', ' ').replace(/\s+/g, ' ').trim())
    .join('\n')
    .toLocaleLowerCase('en-US');
}

/**
 * The words of a search query, lower-cased; at most `max` of them. A NUL
 * separates words like a space, as in the search text: PostgreSQL refuses it
 * in a text, SQLite's LIKE and FTS5 end the text there.
 *
 * @internal
 */
export function searchWords(q: string | undefined, max = 10): string[] {
  return (q ?? '')
    .toLocaleLowerCase('en-US')
    .replaceAll('\u0000', ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, max);
}

/**
 * A LIKE pattern that finds `word` anywhere, with a backslash escaping LIKE's own
 * wildcards (so `100%` and `db_pool` mean what they say).
 *
 * @internal
 */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, char => `\\${char}`)}%`;
}

/**
 * Whether the trigram index can look `word` up: it holds every run of three
 * characters (code points), so shorter words must be matched another way.
 *
 * @internal
 */
export function isTrigramWord(word: string): boolean {
  return Array.from(word).length >= 3;
}

/**
 * An SQLite FTS5 query that finds every one of `words` anywhere in a
 * trigram-indexed text: each word a quoted string (a double quote doubled),
 * so that nothing in it is FTS5 syntax, and the strings combined by AND.
 *
 * @internal
 */
export function trigramMatchQuery(words: string[]): string {
  return words.map(word => `"${word.replace(/"/g, '""')}"`).join(' AND ');
}
