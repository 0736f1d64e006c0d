import { Entity } from '@backstage/catalog-model';

/** A full user or group ref as the portal writes them into messages. */
const PERSON_REF =
  /\b(?:user|group):[a-z0-9_.-]+\/[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?/gi;

/**
 * The name people know an entity by: a user's or group's profile display
 * name, else its title, else its name.
 *
 * @internal
 */
export function displayNameOf(entity: Entity): string {
  const profile = entity.spec?.profile as { displayName?: unknown } | undefined;
  return typeof profile?.displayName === 'string' && profile.displayName.trim()
    ? profile.displayName
    : entity.metadata.title ?? entity.metadata.name;
}

/** The catalog fields {@link displayNameOf} reads. */
export const DISPLAY_NAME_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile',
];

/**
 * Writes the user and group refs in `text` (e.g. `user:default/jonas.weber`)
 * as the names in `names` (ref to display name); a ref without a name stays
 * as it is.
 *
 * @internal
 */
export function withDisplayNames(
  text: string,
  names: ReadonlyMap<string, string>,
): string {
  return text.replace(PERSON_REF, ref => names.get(ref.toLowerCase()) ?? ref);
}

/**
 * The user and group refs in `text`, lower-cased, each once.
 *
 * @internal
 */
export function personRefsIn(text: string): string[] {
  return [...new Set((text.match(PERSON_REF) ?? []).map(r => r.toLowerCase()))];
}
