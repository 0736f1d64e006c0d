import { describe, DocumentContext } from './documentContext';
import { parseIndicator, SliEntry } from './indicator';
import { parseObjectives } from './objectives';
import { parseTimeWindow } from './timeWindow';
import { SloBudgetingMethod, SloDefinition, SloIndicator } from './types';

const BUDGETING_METHODS: SloBudgetingMethod[] = ['Occurrences', 'Timeslices'];

/** How many names of the file a problem lists at most. */
const MAX_NAMES_LISTED = 5;

/**
 * An OpenSLO `SLO` document as a definition: its indicator (inline, or an
 * `SLI` of the same file by `indicatorRef`), time window, budgeting method and
 * objectives; undefined, with the problems reported on `ctx`, when any of
 * them cannot be used.
 *
 * @internal
 */
export function parseSlo(
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
          `unknown SLI ${describe(ref)}: ${
            known.length
              ? `${file} defines the SLIs ${known
                  .slice(0, MAX_NAMES_LISTED)
                  .map(describe)
                  .join(', ')}${known.length > MAX_NAMES_LISTED ? ', …' : ''}`
              : `${file} defines no SLI`
          }`,
        );
      } else if (!entry.valid) {
        ctx.report(
          ['spec', 'indicatorRef'],
          `SLI ${describe(ref)} (document ${
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
    indicator && (indicator.threshold ? 'threshold' : 'ratio'),
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
