import {
  RUNBOOK_SEVERITIES,
  RunbookSeverity,
} from '@reliability-hub/plugin-reliability-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LibraryQuery, LibraryQueryChange } from '../RunbookLibraryFilters';

/** The text filters, kept in the URL under the same names as the API's. */
export const TEXT_FILTERS = ['q', 'owner', 'system', 'alert', 'tag'] as const;

function parse(params: URLSearchParams): LibraryQuery {
  const query: LibraryQuery = {};
  for (const key of TEXT_FILTERS) {
    const value = params.get(key)?.trim();
    if (value) {
      query[key] = value;
    }
  }
  const severity = params.get('severity')?.toUpperCase();
  if (RUNBOOK_SEVERITIES.includes(severity as RunbookSeverity)) {
    query.severity = severity as RunbookSeverity;
  }
  const stale = params.get('stale');
  if (stale === 'true' || stale === 'false') {
    query.stale = stale === 'true';
  }
  if (params.get('validated') === 'never') {
    query.validated = 'never';
  }
  const days = Number(params.get('validatedOverDays'));
  if (Number.isInteger(days) && days >= 1 && days <= 3650) {
    query.validatedOverDays = days;
  }
  if (params.get('sort') === 'lastReviewed') {
    query.sort = 'lastReviewed';
  }
  return query;
}

/**
 * The library's search and filters, read from and written to the URL's
 * query so a filtered library can be shared as a link.
 * Unknown or empty values are dropped.
 *
 * @internal
 */
export function useLibraryQuery(): [
  LibraryQuery,
  (changes: LibraryQueryChange) => void,
] {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => parse(params), [params]);
  const update = useCallback(
    (changes: LibraryQueryChange) => {
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value) {
              next.set(key, value);
            } else {
              next.delete(key);
            }
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [query, update];
}
