/**
 * Reads OpenSLO v1 files (multi-document YAML) into normalized
 * {@link SloDefinition}s, collecting every problem with its file, document,
 * line and field instead of throwing.
 */
import {
  assertSloTarget,
  calendarWindow,
  parseSloDuration,
  SloDurationUnit,
} from '@reliability-hub/plugin-reliability-common';
import { Document, isNode, LineCounter, parseAllDocuments } from 'yaml';
import {
  OpenSloParseResult,
  OpenSloProblem,
  SloBudgetingMethod,
  SloDefinition,
  SloDefinitionTimeWindow,
  SloIndicator,
  SloMetricSource,
  SloObjective,
  SloRatioMetric,
} from './types';

/**
 * The only OpenSLO `apiVersion` understood.
 *
 * @internal
 */
export const OPENSLO_API_VERSION = 'openslo/v1';

/** Kinds that are valid OpenSLO but not used here; skipped without error. */
const IGNORED_KINDS = [
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
  'DataSource',
  'Service',
];

const BUDGETING_METHODS: SloBudgetingMethod[] = ['Occurrences', 'Timeslices'];

const SECONDS_PER_UNIT: Partial<Record<SloDurationUnit, number>> = {
  s: 1,
  m: 60,
  h: 3_600,
  d: 86_400,
  w: 604_800,
};

const START_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/;

type Path = ReadonlyArray<string | number>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Formats a field path: `['spec', 'objectives', 0, 'target']` →
 * `spec.objectives[0].target`.
 */
function fieldName(path: Path): string {
  return path
    .map((part, i) => {
      if (typeof part === 'number') {
        return `[${part}]`;
      }
      return i === 0 ? part : `.${part}`;
    })
    .join('');
}

/** Collects the problems of one YAML document, with line numbers. */
class DocumentContext {
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

/** The outcome of reading one SLI document, for `indicatorRef`. */
type SliEntry =
  | { valid: true; indicator: SloIndicator; documentIndex: number }
  | { valid: false; documentIndex: number };

function parseMetricSource(
  ctx: DocumentContext,
  value: unknown,
  path: Path,
): SloMetricSource | undefined {
  const side = ctx.requiredRecord(
    value,
    path,
    'expected { metricSource: { type, spec } }',
  );
  if (!side) {
    return undefined;
  }
  const source = ctx.requiredRecord(
    side.metricSource,
    [...path, 'metricSource'],
    'expected { type, spec }, e.g. type: Prometheus with spec.query',
  );
  if (!source) {
    return undefined;
  }
  const type = ctx.requiredString(source.type, [
    ...path,
    'metricSource',
    'type',
  ]);
  const spec = ctx.requiredRecord(
    source.spec,
    [...path, 'metricSource', 'spec'],
    'the source settings, e.g. { query: "sum(rate(...))" }',
  );
  return type !== undefined && spec !== undefined ? { type, spec } : undefined;
}

function parseRatioMetric(
  ctx: DocumentContext,
  spec: Record<string, unknown>,
  path: Path,
): SloRatioMetric | undefined {
  if (spec.ratioMetric === undefined && spec.thresholdMetric !== undefined) {
    ctx.report(
      [...path, 'thresholdMetric'],
      'thresholdMetric is not supported: use ratioMetric (good/total or bad/total)',
    );
    return undefined;
  }
  const ratioPath = [...path, 'ratioMetric'];
  const ratio = ctx.requiredRecord(
    spec.ratioMetric,
    ratioPath,
    'expected ratioMetric with good (or bad) and total',
  );
  if (!ratio) {
    return undefined;
  }
  const before = ctx.problems.length;
  let counter: boolean | undefined;
  if (ratio.counter !== undefined && ratio.counter !== null) {
    if (typeof ratio.counter === 'boolean') {
      counter = ratio.counter;
    } else {
      ctx.report(
        [...ratioPath, 'counter'],
        `must be true or false, got ${describe(ratio.counter)}`,
      );
    }
  }
  const hasGood = ratio.good !== undefined && ratio.good !== null;
  const hasBad = ratio.bad !== undefined && ratio.bad !== null;
  let good: SloMetricSource | undefined;
  let bad: SloMetricSource | undefined;
  if (hasGood && hasBad) {
    ctx.report(
      [...ratioPath, 'bad'],
      'ratioMetric has both good and bad: give only one of them (with total)',
    );
  } else if (!hasGood && !hasBad) {
    ctx.report(
      [...ratioPath, 'good'],
      'missing: ratioMetric needs good (or bad) events as well as total',
    );
  } else if (hasGood) {
    good = parseMetricSource(ctx, ratio.good, [...ratioPath, 'good']);
  } else {
    bad = parseMetricSource(ctx, ratio.bad, [...ratioPath, 'bad']);
  }
  let total: SloMetricSource | undefined;
  if (ratio.total === undefined || ratio.total === null) {
    ctx.report(
      [...ratioPath, 'total'],
      `missing: ratioMetric needs total events to divide ${
        hasBad ? 'bad' : 'good'
      } events by`,
    );
  } else {
    total = parseMetricSource(ctx, ratio.total, [...ratioPath, 'total']);
  }
  if (ctx.problems.length > before || !total || !(good || bad)) {
    return undefined;
  }
  return {
    ...(counter !== undefined ? { counter } : {}),
    ...(good ? { good } : {}),
    ...(bad ? { bad } : {}),
    total,
  };
}

/**
 * Reads an SLI: a whole `kind: SLI` document (`path` empty) or an inline
 * `spec.indicator` (`path` = `['spec', 'indicator']`).
 */
function parseIndicator(
  ctx: DocumentContext,
  value: Record<string, unknown>,
  path: Path,
  fallbackName?: string,
): SloIndicator | undefined {
  const before = ctx.problems.length;
  const metadata = isRecord(value.metadata) ? value.metadata : undefined;
  if (value.metadata !== undefined && !metadata) {
    ctx.report(
      [...path, 'metadata'],
      `must be a mapping, got ${describe(value.metadata)}`,
    );
  }
  let name: string | undefined;
  if (fallbackName !== undefined && metadata?.name === undefined) {
    name = fallbackName;
  } else {
    name = ctx.requiredString(metadata?.name, [...path, 'metadata', 'name']);
  }
  const displayName = ctx.optionalString(metadata?.displayName, [
    ...path,
    'metadata',
    'displayName',
  ]);
  const spec = ctx.requiredRecord(
    value.spec,
    [...path, 'spec'],
    'expected spec.ratioMetric',
  );
  const description = spec
    ? ctx.optionalString(spec.description, [...path, 'spec', 'description'])
    : undefined;
  const ratio = spec
    ? parseRatioMetric(ctx, spec, [...path, 'spec'])
    : undefined;
  if (ctx.problems.length > before || !name || !ratio) {
    return undefined;
  }
  return {
    name,
    ...(displayName !== undefined ? { displayName } : {}),
    ...(description !== undefined ? { description } : {}),
    ratio,
  };
}

function parseDuration(
  ctx: DocumentContext,
  value: unknown,
  path: Path,
): { text: string; amount: number; unit: SloDurationUnit } | undefined {
  if (value === undefined || value === null) {
    ctx.report(path, 'missing: a duration such as "28d", "7d" or "1M"');
    return undefined;
  }
  const text = typeof value === 'string' ? value : String(value);
  try {
    return { text, ...parseSloDuration(text) };
  } catch (error) {
    ctx.report(path, (error as Error).message);
    return undefined;
  }
}

function parseTimeWindow(
  ctx: DocumentContext,
  value: unknown,
): SloDefinitionTimeWindow | undefined {
  const path = ['spec', 'timeWindow'];
  if (value === undefined || value === null) {
    ctx.report(
      path,
      'missing: expected one window, e.g. [{ duration: 28d, isRolling: true }]',
    );
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 1) {
    ctx.report(
      path,
      `must be a list with exactly one window, got ${
        Array.isArray(value) ? `${value.length} windows` : describe(value)
      }`,
    );
    return undefined;
  }
  const windowPath = [...path, 0];
  const window = ctx.requiredRecord(value[0], windowPath);
  if (!window) {
    return undefined;
  }
  const before = ctx.problems.length;
  const duration = parseDuration(ctx, window.duration, [
    ...windowPath,
    'duration',
  ]);
  if (typeof window.isRolling !== 'boolean') {
    ctx.report(
      [...windowPath, 'isRolling'],
      window.isRolling === undefined
        ? 'missing: true for a rolling window, false for a calendar-aligned one'
        : `must be true or false, got ${describe(window.isRolling)}`,
    );
    return undefined;
  }
  if (window.isRolling) {
    return duration && ctx.problems.length === before
      ? { rolling: true, duration: duration.text }
      : undefined;
  }

  const calendarPath = [...windowPath, 'calendar'];
  const calendar = ctx.requiredRecord(
    window.calendar,
    calendarPath,
    'a calendar-aligned window (isRolling: false) needs calendar: { startTime, timeZone }',
  );
  if (duration) {
    try {
      calendarWindow(duration.text, 0, 'UTC');
    } catch (error) {
      ctx.report([...windowPath, 'duration'], (error as Error).message);
    }
  }
  if (!calendar) {
    return undefined;
  }
  let startTime: string | undefined;
  const startPath = [...calendarPath, 'startTime'];
  if (calendar.startTime === undefined || calendar.startTime === null) {
    ctx.report(startPath, 'missing: e.g. "2026-01-01 00:00:00"');
  } else if (
    typeof calendar.startTime !== 'string' ||
    !START_TIME_PATTERN.test(calendar.startTime)
  ) {
    ctx.report(
      startPath,
      `must be a date and time "YYYY-MM-DD hh:mm:ss", got ${describe(
        calendar.startTime,
      )}`,
    );
  } else {
    startTime = calendar.startTime;
  }
  let timeZone: string | undefined;
  const zonePath = [...calendarPath, 'timeZone'];
  if (calendar.timeZone === undefined || calendar.timeZone === null) {
    ctx.report(
      zonePath,
      'missing: a calendar-aligned window needs an IANA time zone such as "Europe/Berlin" or "UTC"',
    );
  } else if (typeof calendar.timeZone !== 'string') {
    ctx.report(
      zonePath,
      `must be an IANA time zone name, got ${describe(calendar.timeZone)}`,
    );
  } else {
    try {
      calendarWindow('1d', 0, calendar.timeZone);
      timeZone = calendar.timeZone;
    } catch (error) {
      ctx.report(zonePath, (error as Error).message);
    }
  }
  if (
    !duration ||
    startTime === undefined ||
    timeZone === undefined ||
    ctx.problems.length > before
  ) {
    return undefined;
  }
  return { rolling: false, duration: duration.text, timeZone, startTime };
}

function parseTarget(
  ctx: DocumentContext,
  objective: Record<string, unknown>,
  path: Path,
): number | undefined {
  const hasTarget = objective.target !== undefined && objective.target !== null;
  const hasPercent =
    objective.targetPercent !== undefined && objective.targetPercent !== null;
  if (hasTarget && hasPercent) {
    ctx.report(
      [...path, 'targetPercent'],
      'give either target (a fraction) or targetPercent, not both',
    );
    return undefined;
  }
  if (!hasTarget && !hasPercent) {
    ctx.report(
      [...path, 'target'],
      'missing: set target as a fraction (e.g. 0.999) or targetPercent (e.g. 99.9)',
    );
    return undefined;
  }
  let fraction: number;
  if (hasTarget) {
    const target = objective.target;
    const targetPath = [...path, 'target'];
    if (typeof target !== 'number' || !Number.isFinite(target)) {
      ctx.report(
        targetPath,
        `must be a number between 0 and 1 (e.g. 0.999 for 99.9 %), got ${describe(
          target,
        )}`,
      );
      return undefined;
    }
    if (target >= 1) {
      const hint =
        target > 1 && target < 100
          ? `; for a percentage use targetPercent: ${target}`
          : '';
      ctx.report(targetPath, `must be below 1 (100 %), got ${target}${hint}`);
      return undefined;
    }
    if (target <= 0) {
      ctx.report(targetPath, `must be above 0, got ${target}`);
      return undefined;
    }
    fraction = target;
  } else {
    const percent = objective.targetPercent;
    const percentPath = [...path, 'targetPercent'];
    if (typeof percent !== 'number' || !Number.isFinite(percent)) {
      ctx.report(
        percentPath,
        `must be a number between 0 and 100 (e.g. 99.9), got ${describe(
          percent,
        )}`,
      );
      return undefined;
    }
    if (percent >= 100) {
      ctx.report(percentPath, `must be below 100 (%), got ${percent}`);
      return undefined;
    }
    if (percent <= 0) {
      ctx.report(percentPath, `must be above 0, got ${percent}`);
      return undefined;
    }
    fraction = percent / 100;
  }
  try {
    assertSloTarget(fraction);
  } catch (error) {
    ctx.report(
      [...path, hasTarget ? 'target' : 'targetPercent'],
      (error as Error).message,
    );
    return undefined;
  }
  return fraction;
}

function parseObjectives(
  ctx: DocumentContext,
  value: unknown,
  budgetingMethod: SloBudgetingMethod | undefined,
  fallbackDisplayName: string,
): SloObjective[] | undefined {
  const path = ['spec', 'objectives'];
  if (value === undefined || value === null) {
    ctx.report(
      path,
      'missing: an SLO needs at least one objective, e.g. [{ displayName: ..., target: 0.999 }]',
    );
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0) {
    ctx.report(
      path,
      `must be a non-empty list of objectives, got ${describe(value)}`,
    );
    return undefined;
  }
  const before = ctx.problems.length;
  const objectives: SloObjective[] = [];
  value.forEach((item, i) => {
    const itemPath = [...path, i];
    const objective = ctx.requiredRecord(item, itemPath);
    if (!objective) {
      return;
    }
    const displayName =
      ctx.optionalString(objective.displayName, [...itemPath, 'displayName']) ??
      (value.length === 1
        ? fallbackDisplayName
        : `${fallbackDisplayName} #${i + 1}`);
    const target = parseTarget(ctx, objective, itemPath);
    let timeSliceTarget: number | null = null;
    let timeSliceWindowSeconds: number | null = null;
    const sliceTargetPath = [...itemPath, 'timeSliceTarget'];
    const sliceWindowPath = [...itemPath, 'timeSliceWindow'];
    const hasSliceTarget =
      objective.timeSliceTarget !== undefined &&
      objective.timeSliceTarget !== null;
    const hasSliceWindow =
      objective.timeSliceWindow !== undefined &&
      objective.timeSliceWindow !== null;
    if (budgetingMethod === 'Timeslices') {
      const sliceTarget = objective.timeSliceTarget;
      if (!hasSliceTarget) {
        ctx.report(
          sliceTargetPath,
          'missing: budgetingMethod Timeslices needs timeSliceTarget, the share of good events that makes a slice good (e.g. 0.95)',
        );
      } else if (
        typeof sliceTarget !== 'number' ||
        !(sliceTarget > 0 && sliceTarget <= 1)
      ) {
        ctx.report(
          sliceTargetPath,
          `must be a fraction above 0 and at most 1, got ${describe(
            sliceTarget,
          )}`,
        );
      } else {
        timeSliceTarget = sliceTarget;
      }
      if (!hasSliceWindow) {
        ctx.report(
          sliceWindowPath,
          'missing: budgetingMethod Timeslices needs timeSliceWindow, the slice length (e.g. 5m)',
        );
      } else {
        const duration = parseDuration(
          ctx,
          objective.timeSliceWindow,
          sliceWindowPath,
        );
        const seconds = duration && SECONDS_PER_UNIT[duration.unit];
        if (duration && seconds === undefined) {
          ctx.report(
            sliceWindowPath,
            `must be a fixed length in s, m, h, d or w (e.g. 5m), got ${describe(
              duration.text,
            )}`,
          );
        } else if (duration && seconds !== undefined) {
          timeSliceWindowSeconds = duration.amount * seconds;
        }
      }
    } else if (budgetingMethod === 'Occurrences') {
      if (hasSliceTarget) {
        ctx.report(
          sliceTargetPath,
          'only allowed with budgetingMethod Timeslices (this SLO uses Occurrences)',
        );
      }
      if (hasSliceWindow) {
        ctx.report(
          sliceWindowPath,
          'only allowed with budgetingMethod Timeslices (this SLO uses Occurrences)',
        );
      }
    }
    if (target !== undefined) {
      objectives.push({
        displayName,
        target,
        timeSliceTarget,
        timeSliceWindowSeconds,
      });
    }
  });
  return ctx.problems.length > before ? undefined : objectives;
}

function parseSlo(
  ctx: DocumentContext,
  value: Record<string, unknown>,
  name: string,
  slis: ReadonlyMap<string, SliEntry>,
  file: string,
): SloDefinition | undefined {
  const metadata = value.metadata as Record<string, unknown>;
  const displayName =
    ctx.optionalString(metadata.displayName, ['metadata', 'displayName']) ??
    name;
  const spec = ctx.requiredRecord(
    value.spec,
    ['spec'],
    'expected service, indicator or indicatorRef, timeWindow, budgetingMethod and objectives',
  );
  if (!spec) {
    return undefined;
  }
  const description = ctx.optionalString(spec.description, [
    'spec',
    'description',
  ]);
  const service = ctx.requiredString(spec.service, ['spec', 'service']);

  let indicator: SloIndicator | undefined;
  const hasInline = spec.indicator !== undefined && spec.indicator !== null;
  const hasRef = spec.indicatorRef !== undefined && spec.indicatorRef !== null;
  if (hasInline && hasRef) {
    ctx.report(
      ['spec', 'indicatorRef'],
      'give either indicator (inline) or indicatorRef, not both',
    );
  } else if (hasInline) {
    const inline = ctx.requiredRecord(spec.indicator, ['spec', 'indicator']);
    indicator = inline
      ? parseIndicator(ctx, inline, ['spec', 'indicator'], `${name}-indicator`)
      : undefined;
  } else if (hasRef) {
    const ref = ctx.requiredString(spec.indicatorRef, ['spec', 'indicatorRef']);
    if (ref !== undefined) {
      const entry = slis.get(ref);
      if (!entry) {
        const known = [...slis.keys()];
        ctx.report(
          ['spec', 'indicatorRef'],
          `unknown SLI ${JSON.stringify(ref)}: ${
            known.length
              ? `${file} defines the SLIs ${known
                  .map(k => JSON.stringify(k))
                  .join(', ')}`
              : `${file} defines no SLI`
          }`,
        );
      } else if (!entry.valid) {
        ctx.report(
          ['spec', 'indicatorRef'],
          `SLI ${JSON.stringify(ref)} (document ${
            entry.documentIndex + 1
          }) is invalid; see its own problems`,
        );
      } else {
        indicator = entry.indicator;
      }
    }
  } else {
    ctx.report(
      ['spec', 'indicatorRef'],
      'missing: give indicatorRef (the name of an SLI in this file) or an inline indicator',
    );
  }

  const timeWindow = parseTimeWindow(ctx, spec.timeWindow);

  let budgetingMethod: SloBudgetingMethod | undefined;
  if (BUDGETING_METHODS.includes(spec.budgetingMethod as SloBudgetingMethod)) {
    budgetingMethod = spec.budgetingMethod as SloBudgetingMethod;
  } else {
    ctx.report(
      ['spec', 'budgetingMethod'],
      spec.budgetingMethod === undefined
        ? 'missing: Occurrences or Timeslices'
        : `must be Occurrences or Timeslices, got ${describe(
            spec.budgetingMethod,
          )}`,
    );
  }
  const objectives = parseObjectives(
    ctx,
    spec.objectives,
    budgetingMethod,
    displayName,
  );

  if (
    ctx.problems.length > 0 ||
    !service ||
    !indicator ||
    !timeWindow ||
    !budgetingMethod ||
    !objectives
  ) {
    return undefined;
  }
  return {
    name,
    displayName,
    ...(description !== undefined ? { description } : {}),
    service,
    timeWindow,
    budgetingMethod,
    objectives,
    indicator,
    file,
    documentIndex: ctx.index,
  };
}

interface ReadDocument {
  ctx: DocumentContext;
  value: Record<string, unknown>;
  kind: 'SLO' | 'SLI';
  name: string;
}

/**
 * Checks `apiVersion`, `kind` and `metadata.name`; returns the document when
 * it is an SLO or SLI, undefined when it is ignored or has a problem.
 */
function readHeader(
  ctx: DocumentContext,
  value: unknown,
): ReadDocument | undefined {
  if (!isRecord(value)) {
    ctx.report(
      [],
      `not an OpenSLO object: expected a mapping with apiVersion: ${OPENSLO_API_VERSION} and kind, got ${describe(
        value,
      )}`,
    );
    return undefined;
  }
  if (value.apiVersion !== OPENSLO_API_VERSION) {
    ctx.report(
      ['apiVersion'],
      value.apiVersion === undefined
        ? `missing: not an OpenSLO object, expected apiVersion: ${OPENSLO_API_VERSION}`
        : `not an OpenSLO v1 object: expected ${OPENSLO_API_VERSION}, got ${describe(
            value.apiVersion,
          )}`,
    );
    return undefined;
  }
  const kind = value.kind;
  if (typeof kind === 'string' && IGNORED_KINDS.includes(kind)) {
    return undefined;
  }
  if (kind !== 'SLO' && kind !== 'SLI') {
    const suggestion =
      typeof kind === 'string' &&
      ['SLO', 'SLI', ...IGNORED_KINDS].find(
        k => k.toLowerCase() === kind.toLowerCase(),
      );
    ctx.report(
      ['kind'],
      `${
        kind === undefined ? 'missing' : `unknown kind ${describe(kind)}`
      }: expected SLO or SLI (${IGNORED_KINDS.join(', ')} are ignored)${
        suggestion ? `; did you mean ${suggestion}?` : ''
      }`,
    );
    return undefined;
  }
  const metadata = ctx.requiredRecord(
    value.metadata,
    ['metadata'],
    'expected metadata.name',
  );
  const name = metadata
    ? ctx.requiredString(metadata.name, ['metadata', 'name'])
    : undefined;
  return name === undefined ? undefined : { ctx, value, kind, name };
}

function isEmptyDocument(doc: Document.Parsed): boolean {
  const contents = doc.contents as unknown;
  return (
    contents === null ||
    (isNode(contents) &&
      'value' in contents &&
      (contents as { value: unknown }).value === null &&
      (contents as { source?: string }).source === '')
  );
}

/**
 * Parses an OpenSLO v1 file (multi-document YAML) into normalized SLO
 * definitions. Pure and never throws: every document that cannot be used
 * yields at least one {@link OpenSloProblem} naming the file, document,
 * line and field, and valid SLOs of the same file are still returned.
 * `SLI` documents are resolved through `indicatorRef` within the file;
 * other OpenSLO kinds (AlertPolicy, Service, DataSource, ...) are ignored.
 *
 * @param text - the file's contents.
 * @param file - the file's name or URL, copied into results and problems.
 * @internal
 */
export function parseOpenSlo(text: string, file: string): OpenSloParseResult {
  const problems: OpenSloProblem[] = [];
  const slos: SloDefinition[] = [];
  try {
    if (typeof text !== 'string') {
      problems.push({
        file,
        documentIndex: null,
        field: 'yaml',
        message: `expected the file's text, got ${typeof text}`,
      });
      return { slos, problems };
    }
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
    const lineOfOffset = (offset: number | undefined) =>
      offset === undefined ? undefined : lineCounter.linePos(offset).line;

    if (!Array.isArray(docs) || ('empty' in docs && docs.empty)) {
      for (const error of (
        docs as { errors?: Array<{ message: string; pos: [number, number] }> }
      ).errors ?? []) {
        const line = lineOfOffset(error.pos?.[0]);
        problems.push({
          file,
          documentIndex: null,
          ...(line !== undefined ? { line } : {}),
          field: 'yaml',
          message: `YAML syntax error: ${error.message}`,
        });
      }
      return { slos, problems };
    }

    const read: ReadDocument[] = [];
    const contexts: DocumentContext[] = [];
    docs.forEach((doc, index) => {
      const ctx = new DocumentContext(file, index, doc, lineCounter);
      contexts.push(ctx);
      if (doc.errors.length > 0) {
        for (const error of doc.errors) {
          const line = lineOfOffset(error.pos?.[0]);
          ctx.problems.push({
            file,
            documentIndex: index,
            ...(line !== undefined ? { line } : {}),
            field: 'yaml',
            message: `YAML syntax error: ${error.message}`,
          });
        }
        return;
      }
      if (isEmptyDocument(doc)) {
        return;
      }
      let value: unknown;
      try {
        value = doc.toJS();
      } catch (error) {
        ctx.report([], `cannot read the document: ${(error as Error).message}`);
        return;
      }
      const header = readHeader(ctx, value);
      if (header) {
        read.push(header);
      }
    });

    const slis = new Map<string, SliEntry>();
    for (const doc of read.filter(d => d.kind === 'SLI')) {
      const previous = slis.get(doc.name);
      if (previous) {
        doc.ctx.report(
          ['metadata', 'name'],
          `duplicate SLI name ${JSON.stringify(
            doc.name,
          )}: already defined in document ${previous.documentIndex + 1}`,
        );
        continue;
      }
      const indicator = parseIndicator(doc.ctx, doc.value, []);
      slis.set(
        doc.name,
        indicator
          ? { valid: true, indicator, documentIndex: doc.ctx.index }
          : { valid: false, documentIndex: doc.ctx.index },
      );
    }

    const sloDocuments = new Map<string, number>();
    for (const doc of read.filter(d => d.kind === 'SLO')) {
      const previous = sloDocuments.get(doc.name);
      if (previous !== undefined) {
        doc.ctx.report(
          ['metadata', 'name'],
          `duplicate SLO name ${JSON.stringify(
            doc.name,
          )}: already defined in document ${previous + 1}`,
        );
        continue;
      }
      sloDocuments.set(doc.name, doc.ctx.index);
      const slo = parseSlo(doc.ctx, doc.value, doc.name, slis, file);
      if (slo) {
        slos.push(slo);
      }
    }

    for (const ctx of contexts) {
      problems.push(...ctx.problems);
    }
  } catch (error) {
    problems.push({
      file,
      documentIndex: null,
      field: 'yaml',
      message: `could not read the file: ${
        error instanceof Error ? error.message : String(error)
      }`,
    });
  }
  return { slos, problems };
}

/**
 * Formats a problem for people, e.g.
 * `openslo.yaml, document 2 (line 14), spec.objectives[0].target: must be below 1 (100 %), got 1`.
 * The document number is 1-based here (`documentIndex` + 1).
 *
 * @internal
 */
export function openSloProblemToString(problem: OpenSloProblem): string {
  let where = problem.file;
  if (problem.documentIndex !== null) {
    where += `, document ${problem.documentIndex + 1}`;
  }
  if (problem.line !== undefined) {
    where += ` (line ${problem.line})`;
  }
  return problem.field
    ? `${where}, ${problem.field}: ${problem.message}`
    : `${where}: ${problem.message}`;
}
