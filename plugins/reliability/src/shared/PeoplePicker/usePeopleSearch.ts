import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { Person, PERSON_FIELDS, personOf } from '../people';

/** How many people one search shows: enough to pick from, small to send. */
export const SEARCH_PAGE_SIZE = 20;

/** How long typing must pause before the catalog is asked. */
const DEBOUNCE_MS = 250;

/** Longer terms cannot name anyone better; the catalog need not see them. */
const MAX_TERM_LENGTH = 100;

const SEARCH_FIELDS = [
  'metadata.name',
  'metadata.title',
  'spec.profile.displayName',
];

/**
 * The catalog's users and/or groups whose name, title or display name
 * contains what the user typed, one page, asked only while the list is open
 * and once typing pauses.
 */
export function usePeopleSearch(options: {
  term: string;
  kinds: string[];
  enabled: boolean;
}): { options: Person[]; loading: boolean; error?: Error } {
  const { term, kinds, enabled } = options;
  const catalogApi = useApi(catalogApiRef);
  const [debounced, setDebounced] = useState(term);
  useDebounce(() => setDebounced(term), DEBOUNCE_MS, [term]);
  const kindsKey = kinds.join(',');

  const { value, loading, error } = useAsync(async () => {
    if (!enabled) {
      return [];
    }
    const text = debounced.trim().slice(0, MAX_TERM_LENGTH);
    const { items } = await catalogApi.queryEntities({
      filter: { kind: kindsKey.split(',') },
      ...(text
        ? { fullTextFilter: { term: text, fields: SEARCH_FIELDS } }
        : {}),
      orderFields: { field: 'metadata.name', order: 'asc' },
      fields: PERSON_FIELDS,
      limit: SEARCH_PAGE_SIZE,
    });
    return items.map(personOf);
  }, [catalogApi, debounced, kindsKey, enabled]);

  return {
    options: value ?? [],
    loading: loading || (enabled && debounced !== term),
    error,
  };
}
