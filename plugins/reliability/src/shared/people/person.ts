import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ANNOTATION_TIMEZONE } from '@reliability-hub/plugin-reliability-common';

/**
 * A user or group as forms and on-call views show it, from its catalog
 * entity: display name, picture, how to reach them.
 *
 * @internal
 */
export interface Person {
  /** The entity ref, e.g. `user:default/jane.doe`: what is stored. */
  ref: string;
  /** `User` or `Group`. */
  kind: string;
  /** `spec.profile.displayName`, else `metadata.title`, else the name. */
  displayName: string;
  picture?: string;
  email?: string;
  /** The first link of type `chat` (Slack, Teams …). */
  chat?: { url: string; title?: string };
  /** `reliability-hub.io/timezone`: where the person is. */
  timeZone?: string;
  /** The catalog does not have this ref (any more). */
  unknown?: boolean;
}

/** The entity fields a {@link Person} is made of, for catalog requests. */
export const PERSON_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'metadata.links',
  'spec.profile',
];

/** The name part of an entity ref, for when the catalog has no better. */
export function refName(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/** The kind part of an entity ref, `User` or `Group`; `User` when it has none. */
function refKind(ref: string): string {
  try {
    const kind = parseEntityRef(ref, { defaultKind: 'user' }).kind;
    return kind.toLocaleLowerCase('en-US') === 'group' ? 'Group' : 'User';
  } catch {
    return 'User';
  }
}

/** Up to two initials of a display name: "Lena Hoffmann" → "LH". */
export function initials(name: string): string {
  const parts = name.split(/[\s._-]+/).filter(Boolean);
  return parts
    .slice(0, 2)
    .map(part => part[0]!.toLocaleUpperCase())
    .join('');
}

/** A catalog User or Group as a {@link Person}. */
export function personOf(entity: Entity): Person {
  const profile = (entity.spec?.profile ?? {}) as {
    displayName?: string;
    email?: string;
    picture?: string;
  };
  const chat = entity.metadata.links?.find(link => link.type === 'chat');
  return {
    ref: stringifyEntityRef(entity),
    kind: entity.kind,
    displayName:
      profile.displayName || entity.metadata.title || entity.metadata.name,
    picture: profile.picture,
    email: profile.email,
    chat: chat && { url: chat.url, title: chat.title },
    timeZone: entity.metadata.annotations?.[ANNOTATION_TIMEZONE],
  };
}

/**
 * A ref whose entity is not known (yet): named by its ref. `unknown` once
 * the catalog said it has no such entity.
 */
export function personFromRef(ref: string, unknown = false): Person {
  return { ref, kind: refKind(ref), displayName: refName(ref), unknown };
}
