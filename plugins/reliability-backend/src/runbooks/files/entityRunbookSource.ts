import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_RUNBOOKS,
  Runbook,
} from '@reliability-hub/plugin-reliability-common';
import { contentHash, runbookReviewDueDate } from '../parse';
import { IndexedRunbook } from '../store/RunbookStore';

/**
 * What the runbook index takes from a catalog entity.
 *
 * @internal
 */
export interface EntityRunbookSource {
  entityRef: string;
  /** The `reliability-hub.io/runbooks` annotation, if any. */
  annotation?: string;
  links: Array<{ url: string; title?: string }>;
  owner?: string;
  system?: string;
  /** sha256 of the above: when it changes, the entity's rows are rebuilt. */
  hash: string;
}

/** The catalog fields the refresh reads. */
export const ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
  'metadata.links',
  'spec.owner',
  'spec.system',
];

/**
 * A ref as the plugin stores it (lower-cased `kind:namespace/name`), or
 * undefined when it does not parse.
 *
 * @internal
 */
export function normalizeRef(
  value: string | undefined,
  defaults: { defaultKind: string; defaultNamespace?: string },
): string | undefined {
  if (!value || typeof value !== 'string') {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value, defaults),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * The runbook sources of an entity: its annotation and its `type: runbook`
 * links, with the owner and system that filters use.
 *
 * @internal
 */
export function entityRunbookSource(entity: Entity): EntityRunbookSource {
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = (entity.spec ?? {}) as { owner?: string; system?: string };
  const annotation =
    entity.metadata.annotations?.[ANNOTATION_RUNBOOKS]?.trim() || undefined;
  const links = (entity.metadata.links ?? [])
    .filter(link => link?.type?.toLocaleLowerCase('en-US') === 'runbook')
    .filter(link => /^https?:\/\//i.test(link.url ?? ''))
    .map(link => ({ url: link.url, title: link.title }));
  const owner = normalizeRef(spec.owner, {
    defaultKind: 'group',
    defaultNamespace: namespace,
  });
  const system = normalizeRef(spec.system, {
    defaultKind: 'system',
    defaultNamespace: namespace,
  });
  return {
    entityRef,
    annotation,
    links,
    owner,
    system,
    hash: contentHash(
      JSON.stringify({ entityRef, annotation, links, owner, system }),
    ),
  };
}

/** Whether the entity has any runbooks to index. */
export function hasRunbookSources(source: EntityRunbookSource): boolean {
  return Boolean(source.annotation) || source.links.length > 0;
}

/**
 * The link-only runbooks of an entity: `<entity ref>/link/<n>`, numbered
 * from 1 in the order of the links.
 *
 * @internal
 */
export function linkRunbooks(source: EntityRunbookSource): IndexedRunbook[] {
  return source.links.map((link, index) => ({
    id: `${source.entityRef}/link/${index + 1}`,
    kind: 'link',
    entityRef: source.entityRef,
    title: link.title?.trim() || link.url,
    url: link.url,
    alerts: [],
    tags: [],
    owner: source.owner,
    system: source.system,
    sourceLocation: link.url,
  }));
}

/**
 * A structured runbook of an entity as indexed: id `<entity ref>/<runbook
 * id>`, the runbook's owner or else the entity's.
 *
 * @internal
 */
export function structuredRunbook(
  source: EntityRunbookSource,
  runbook: Runbook,
  file: { name: string; hash: string },
): IndexedRunbook {
  return {
    id: `${source.entityRef}/${runbook.id}`,
    kind: 'structured',
    entityRef: source.entityRef,
    title: runbook.title,
    description: runbook.description,
    severity: runbook.severity,
    alerts: runbook.alerts,
    tags: runbook.tags,
    owner:
      normalizeRef(runbook.owner, {
        defaultKind: 'group',
        defaultNamespace: parseEntityRef(source.entityRef).namespace,
      }) ?? source.owner,
    system: source.system,
    lastReviewed: runbook.lastReviewed,
    reviewIntervalDays: runbook.reviewIntervalDays,
    reviewDue: runbookReviewDueDate(runbook),
    runbook,
    sourceLocation: file.name,
    contentHash: file.hash,
  };
}
