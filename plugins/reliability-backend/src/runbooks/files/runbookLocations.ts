import { Entity } from '@backstage/catalog-model';
import {
  EntityFileKinds,
  EntityFileLocation,
  resolveEntityFileLocation,
} from '../../entityFiles';

/**
 * Runbook files are YAML or Markdown; a URL without such a name is a folder.
 *
 * @internal
 */
export const RUNBOOK_FILE_KINDS: EntityFileKinds = {
  files: /\.(ya?ml|md|markdown)$/i,
  otherUrls: 'folder',
};

/**
 * Where an entity's runbook files are.
 *
 * @internal
 */
export type RunbookLocation = EntityFileLocation;

/**
 * Resolves the value of the `reliability-hub.io/runbooks` annotation by the
 * rules every file an entity names follows (see `resolveEntityFileLocation`):
 * `url:<absolute URL>` as is; `dir:<path>`, `file:<path>` or a bare relative
 * path against the entity's own location (`backstage.io/managed-by-location`),
 * never leaving the folder of the entity's catalog file.
 *
 * @throws InputError when the value cannot be resolved
 * @internal
 */
export function resolveRunbookLocation(
  entity: Entity,
  annotation: string,
): RunbookLocation {
  return resolveEntityFileLocation(entity, annotation, RUNBOOK_FILE_KINDS);
}
