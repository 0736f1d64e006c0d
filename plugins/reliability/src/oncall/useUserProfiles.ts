import { stringifyEntityRef, UserEntity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { ANNOTATION_TIMEZONE } from '@reliability-hub/plugin-reliability-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

/** What on-call views show of a person, from their catalog User entity. */
export interface UserProfile {
  displayName?: string;
  email?: string;
  picture?: string;
  /** The first link of type `chat` (Slack, Teams …). */
  chat?: { url: string; title?: string };
  /** `reliability-hub.io/timezone`: where the person is. */
  timeZone?: string;
}

function toProfile(entity: UserEntity): UserProfile {
  const chat = entity.metadata.links?.find(link => link.type === 'chat');
  return {
    displayName: entity.spec?.profile?.displayName,
    email: entity.spec?.profile?.email,
    picture: entity.spec?.profile?.picture,
    chat: chat && { url: chat.url, title: chat.title },
    timeZone: entity.metadata.annotations?.[ANNOTATION_TIMEZONE],
  };
}

/**
 * The catalog profiles of the given users, fetched in ONE batched catalog
 * call however many people a view shows. Without the catalog (or for users
 * it does not know) the map simply lacks them and views fall back to refs.
 */
export function useUserProfiles(userRefs: string[]): {
  profiles: Map<string, UserProfile>;
  loading: boolean;
} {
  const catalogApi = useApi(catalogApiRef);
  // A stable key, so a re-render with the same people asks nothing again.
  const key = useMemo(
    () => Array.from(new Set(userRefs)).sort().join('\n'),
    [userRefs],
  );
  const { value, loading } = useAsync(async () => {
    const profiles = new Map<string, UserProfile>();
    const refs = key ? key.split('\n') : [];
    if (refs.length === 0) {
      return profiles;
    }
    try {
      const { items } = await catalogApi.getEntitiesByRefs({
        entityRefs: refs,
        fields: ['kind', 'metadata', 'spec.profile'],
      });
      items.forEach((entity, index) => {
        if (entity) {
          profiles.set(refs[index], toProfile(entity as UserEntity));
          profiles.set(
            stringifyEntityRef(entity),
            toProfile(entity as UserEntity),
          );
        }
      });
    } catch {
      // People still show by their refs; the schedule matters more than faces.
    }
    return profiles;
  }, [catalogApi, key]);
  return { profiles: value ?? new Map(), loading };
}
