import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Person, PERSON_FIELDS, personOf } from './person';

const EMPTY = new Map<string, Person>();

/**
 * The catalog's users and groups behind the given refs, fetched in ONE
 * batched catalog call however many people a view shows. Refs the catalog
 * does not know are missing from the map once `loading` is over. When the
 * catalog cannot be asked, `failed` is true and the map is empty: views fall
 * back to refs, and must not call anyone unknown.
 *
 * @internal
 */
export function usePeople(refs: string[]): {
  people: Map<string, Person>;
  loading: boolean;
  failed: boolean;
} {
  const catalogApi = useApi(catalogApiRef);
  // A stable key, so a re-render with the same people asks nothing again.
  const key = useMemo(
    () => Array.from(new Set(refs)).sort().join('\n'),
    [refs],
  );
  const { value, loading } = useAsync(async () => {
    const people = new Map<string, Person>();
    const wanted = key ? key.split('\n') : [];
    if (wanted.length === 0) {
      return { people, failed: false };
    }
    try {
      const { items } = await catalogApi.getEntitiesByRefs({
        entityRefs: wanted,
        fields: PERSON_FIELDS,
      });
      items.forEach((entity, index) => {
        if (entity) {
          const person = personOf(entity);
          people.set(wanted[index], person);
          people.set(person.ref, person);
        }
      });
    } catch {
      // People still show by their refs; what they did matters more than faces.
      return { people, failed: true };
    }
    return { people, failed: false };
  }, [catalogApi, key]);
  return {
    people: value?.people ?? EMPTY,
    loading,
    failed: value?.failed ?? false,
  };
}
