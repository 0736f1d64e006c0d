// What a problem may quote of a file an entity points at. The file may be
// anything the entity's author could name (before the folder rules, even a
// secret of the backend host), and problems are shown to every reader of the
// entity: a quote is short, on one line and free of control characters.

/**
 * The most characters of a value read from a file that a problem quotes.
 *
 * @internal
 */
export const EXCERPT_LENGTH = 40;

/** The longest message a read or parse problem carries. */
const MESSAGE_LENGTH = 240;

// C0 and C1 controls, line and paragraph separators, and bidirectional
// overrides and isolates (which can make a quote read as something else).
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

function clip(text: string, max: number): string {
  const cleaned = text.replace(UNPRINTABLE, ' ');
  // By code point, so that an emoji is not cut in half.
  const points = Array.from(cleaned);
  return points.length <= max
    ? cleaned
    : `${points.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/**
 * A short, single-line quote of a value read from a file: strings as written,
 * anything else as JSON, at most {@link EXCERPT_LENGTH} characters.
 *
 * @internal
 */
export function excerpt(value: unknown, max = EXCERPT_LENGTH): string {
  let text: string;
  if (typeof value === 'string') {
    text = value;
  } else if (value === undefined) {
    text = 'nothing';
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return clip(text, max);
}

/**
 * A value read from a file as problems quote it: JSON (strings in quotes),
 * cut to {@link EXCERPT_LENGTH} characters.
 *
 * @internal
 */
export function quote(value: unknown): string {
  if (typeof value === 'string') {
    const inner = excerpt(value, EXCERPT_LENGTH - 2);
    return JSON.stringify(inner);
  }
  return excerpt(value);
}

/**
 * The message of an error raised while reading or parsing a file (a YAML
 * parser error, an UrlReader error), made safe to show: its first line,
 * whatever follows the first `": "` (where the YAML parser quotes the source)
 * cut to an excerpt, and the whole bounded.
 *
 * @internal
 */
export function safeErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const [line] = message.split(/\r?\n/, 1);
  const colon = line.indexOf(': ');
  const text =
    colon < 0
      ? line
      : `${line.slice(0, colon)}: ${excerpt(line.slice(colon + 2))}`;
  return clip(text, MESSAGE_LENGTH);
}

/**
 * A message safe to show, for texts that quote nothing from a file but may
 * carry what an entity or a remote server wrote (a URL, a status text).
 *
 * @internal
 */
export function boundedMessage(message: string): string {
  return clip(message, MESSAGE_LENGTH);
}
