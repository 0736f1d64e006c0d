// Where a problem is: the document, the field path and the line of a YAML node.
import { Document, isNode, LineCounter } from 'yaml';
import { boundedMessage, quote } from '../../entityFiles';
import { OpenSloProblem } from './types';

/** @internal */
export type Path = ReadonlyArray<string | number>;

/** @internal */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A value of the file as a problem quotes it: JSON, cut short (problems are
 * shown to every reader of the entity and must not replay the file).
 *
 * @internal
 */
export function describe(value: unknown): string {
  return quote(value);
}

/**
 * Formats a field path: `['spec', 'objectives', 0, 'target']` →
 * `spec.objectives[0].target`.
 *
 * @internal
 */
export function fieldName(path: Path): string {
  return path
    .map((part, i) => {
      if (typeof part === 'number') {
        return `[${part}]`;
      }
      return i === 0 ? part : `.${part}`;
    })
    .join('');
}

/** Collects the problems of one YAML document, with line numbers.
 *
 * @internal
 */
export class DocumentContext {
  readonly problems: OpenSloProblem[] = [];

  constructor(
    private readonly file: string,
    readonly index: number,
    private readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
  ) {}

  /** The line of the field, or of its nearest ancestor present in the YAML. */
  lineOf(path: Path): number | undefined {
    for (let depth = path.length; depth >= 0; depth--) {
      let node: unknown;
      try {
        node =
          depth === 0
            ? this.doc.contents
            : this.doc.getIn(path.slice(0, depth) as unknown[], true);
      } catch {
        node = undefined;
      }
      if (isNode(node) && node.range) {
        return this.lineCounter.linePos(node.range[0]).line;
      }
    }
    return undefined;
  }

  report(path: Path, message: string): void {
    const line = this.lineOf(path);
    this.problems.push({
      file: this.file,
      documentIndex: this.index,
      ...(line !== undefined ? { line } : {}),
      field: fieldName(path),
      message,
    });
  }

  /**
   * Reports an error thrown while checking `value`, whose message quotes the
   * value as JSON: the quote is cut short like {@link describe}'s.
   */
  reportError(path: Path, error: unknown, value: unknown): void {
    let message = error instanceof Error ? error.message : String(error);
    const json = JSON.stringify(value);
    if (json) {
      message = message.split(json).join(describe(value));
    }
    this.report(path, boundedMessage(message));
  }

  /** A required non-empty string, or undefined after reporting. */
  requiredString(value: unknown, path: Path): string | undefined {
    if (value === undefined || value === null) {
      this.report(path, 'missing: a non-empty string is required');
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.report(path, `must be a non-empty string, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  /** An optional string, or undefined (reporting a value of another type). */
  optionalString(value: unknown, path: Path): string | undefined {
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'string') {
      this.report(path, `must be a string, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  /** A required mapping, or undefined after reporting. */
  requiredRecord(
    value: unknown,
    path: Path,
    hint = '',
  ): Record<string, unknown> | undefined {
    if (value === undefined || value === null) {
      this.report(path, `missing${hint ? `: ${hint}` : ''}`);
      return undefined;
    }
    if (!isRecord(value)) {
      this.report(path, `must be a mapping, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }
}
