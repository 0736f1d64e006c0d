import { InputError } from '@backstage/errors';
import { RE2JS } from 're2js';

/**
 * How a matcher compares a label's value, as in Prometheus and Alertmanager.
 *
 * @internal
 */
export type AlertMatcherOperator = '=' | '!=' | '=~' | '!~';

/**
 * One `label<op>value` term of an alert selector.
 *
 * @internal
 */
export interface AlertMatcher {
  name: string;
  operator: AlertMatcherOperator;
  value: string;
  /** For `=~` and `!~`: the value compiled (RE2) and anchored at both ends. */
  regex?: RE2JS;
}

/**
 * Label values longer than this (in UTF-16 code units) satisfy no regex
 * matcher, neither `=~` nor `!~`: an alert with such a value matches no
 * selector that tests that label with a regex.
 *
 * @internal
 */
export const MAX_MATCHED_VALUE_LENGTH = 1024;

/** The longest regex a matcher may hold, in characters. */
const MAX_REGEX_LENGTH = 512;
/**
 * The most instructions a compiled regex may have. Real selectors need a few
 * hundred; `[a-z]{1000}` alone needs about 1000.
 */
const MAX_REGEX_PROGRAM = 5000;
/** Regexes refused before, and why: compiling them once is enough. */
const refused = new Map<string, string>();
const MAX_REFUSED = 1000;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
// Longest first, so that `!=` is not read as `!` and `=~` not as `=`.
const OPERATORS: AlertMatcherOperator[] = ['=~', '!~', '!=', '='];
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  n: '\n',
  t: '\t',
};

function fail(selector: string, problem: string): never {
  throw new InputError(
    `Invalid alert selector ${JSON.stringify(selector)}: ${problem}`,
  );
}

/**
 * Compiles a regular expression the way Alertmanager applies it: RE2 syntax
 * (no backreferences, no lookaround; flags such as `(?i)` inline), anchored
 * at both ends, matched in time linear in the value's length. Patterns that
 * are long or compile to a large program are refused, so that loading the
 * selectors stays cheap.
 */
function compileRegex(selector: string, name: string, pattern: string): RE2JS {
  if (pattern.length > MAX_REGEX_LENGTH) {
    fail(
      selector,
      `${name}: regular expression longer than ${MAX_REGEX_LENGTH} characters`,
    );
  }
  let problem = refused.get(pattern);
  if (problem === undefined) {
    try {
      const regex = RE2JS.compile(`^(?:${pattern})$`);
      if (regex.programSize() <= MAX_REGEX_PROGRAM) {
        return regex;
      }
      problem = 'regular expression too large';
    } catch (error) {
      problem = `bad regular expression ${JSON.stringify(pattern)} (${
        (error as Error).message
      })`;
    }
    if (refused.size >= MAX_REFUSED) {
      refused.delete(refused.keys().next().value!);
    }
    refused.set(pattern, problem);
  }
  return fail(selector, `${name}: ${problem}`);
}

/**
 * Whether one matcher accepts a label value. An absent label counts as the
 * empty string, as in Prometheus. A value longer than
 * {@link MAX_MATCHED_VALUE_LENGTH} satisfies no regex matcher.
 *
 * @internal
 */
export function matchesValue(matcher: AlertMatcher, value: string): boolean {
  switch (matcher.operator) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return (
        value.length <= MAX_MATCHED_VALUE_LENGTH &&
        matcher.regex!.testExact(value)
      );
    case '!~':
      return (
        value.length <= MAX_MATCHED_VALUE_LENGTH &&
        !matcher.regex!.testExact(value)
      );
    default:
      return false;
  }
}

/**
 * Parses the `reliability-hub.io/alert-selector` annotation: comma-separated
 * Prometheus-style matchers `label=value`, `label!=value`, `label=~regex`,
 * `label!~regex`, values optionally double-quoted (with `\"`, `\\`, `\n`, `\t`
 * escapes; quote values that contain a comma), optionally wrapped in `{...}`.
 * Regexes are RE2, as in Alertmanager, of at most 512 characters.
 *
 * Like a Prometheus selector it must hold at least one matcher that does not
 * match an empty label, so that `team!=payments` alone cannot claim every alert.
 *
 * @throws InputError naming the selector and what is wrong with it.
 * @internal
 */
export function parseAlertSelector(selector: string): AlertMatcher[] {
  let rest = selector.trim();
  if (rest.startsWith('{')) {
    if (!rest.endsWith('}')) {
      fail(selector, 'missing closing }');
    }
    rest = rest.slice(1, -1).trim();
  }
  const matchers: AlertMatcher[] = [];

  while (rest.length > 0) {
    const name = LABEL_NAME.exec(rest)?.[0];
    if (!name) {
      fail(selector, `expected a label name at ${JSON.stringify(rest)}`);
    }
    rest = rest.slice(name.length).trimStart();

    const head = rest;
    const operator = OPERATORS.find(op => head.startsWith(op));
    if (!operator) {
      fail(
        selector,
        `${name}: expected one of =, !=, =~, !~ after the label name`,
      );
    }
    rest = rest.slice(operator.length).trimStart();

    let value = '';
    if (rest.startsWith('"')) {
      let i = 1;
      let closed = false;
      while (i < rest.length) {
        const char = rest[i];
        if (char === '\\') {
          const escaped = ESCAPES[rest[i + 1]];
          if (escaped === undefined) {
            fail(
              selector,
              `${name}: unknown escape \\${rest[i + 1] ?? ''} in quoted value`,
            );
          }
          value += escaped;
          i += 2;
        } else if (char === '"') {
          closed = true;
          i += 1;
          break;
        } else {
          value += char;
          i += 1;
        }
      }
      if (!closed) {
        fail(selector, `${name}: unterminated quoted value`);
      }
      rest = rest.slice(i).trimStart();
    } else {
      const end = rest.indexOf(',');
      value = (end === -1 ? rest : rest.slice(0, end)).trim();
      rest = end === -1 ? '' : rest.slice(end);
      if (!value) {
        fail(
          selector,
          `${name}: missing value (write ${name}${operator}"" for an empty one)`,
        );
      }
      if (/^[=!~]/.test(value)) {
        fail(
          selector,
          `${name}: value ${JSON.stringify(
            value,
          )} starts with an operator character (quote it if that is meant)`,
        );
      }
      if (value.includes('"')) {
        fail(
          selector,
          `${name}: stray quote in unquoted value ${JSON.stringify(value)}`,
        );
      }
    }

    const matcher: AlertMatcher = { name, operator, value };
    if (operator === '=~' || operator === '!~') {
      matcher.regex = compileRegex(selector, name, value);
    }
    matchers.push(matcher);

    if (rest.startsWith(',')) {
      rest = rest.slice(1).trimStart();
    } else if (rest.length > 0) {
      fail(selector, `expected a comma before ${JSON.stringify(rest)}`);
    }
  }

  if (matchers.length === 0) {
    fail(selector, 'no matchers');
  }
  if (matchers.every(matcher => matchesValue(matcher, ''))) {
    fail(
      selector,
      'needs at least one matcher that does not match an empty label, e.g. service=checkout',
    );
  }
  return matchers;
}

/**
 * Whether an alert's labels satisfy every matcher of a selector.
 *
 * @internal
 */
export function matchesAlertLabels(
  matchers: AlertMatcher[],
  labels: Record<string, string>,
): boolean {
  return matchers.every(matcher =>
    matchesValue(
      matcher,
      Object.prototype.hasOwnProperty.call(labels, matcher.name)
        ? labels[matcher.name]
        : '',
    ),
  );
}
