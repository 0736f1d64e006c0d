import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ANNOTATION_OPENSLO } from '@reliability-hub/plugin-reliability-common';
import {
  ENTITY_FILE_LIMITS,
  EntityFileKinds,
  EntityFileLocation,
  resolveEntityFileLocation,
} from '../../entityFiles';

/**
 * OpenSLO files are YAML; a URL without such a name is one file, as the
 * annotation always read it.
 *
 * @internal
 */
export const SLO_FILE_KINDS: EntityFileKinds = {
  files: /\.ya?ml$/i,
  otherUrls: 'file',
};

/**
 * Where one OpenSLO file (or folder of files) is, and how problems name it:
 * the annotation's own words for `url:` and local paths, the resolved URL for
 * a path relative to a URL catalog file.
 *
 * @internal
 */
export type SloFileLocation = EntityFileLocation & { name: string };

/**
 * The locations named by an entity's `reliability-hub.io/openslo`
 * annotation: one or more (separated by commas or new lines) of `url:<url>`,
 * an absolute URL, `dir:<path>` (every YAML file of a folder) or a path
 * relative to the entity's own catalog file (`./openslo.yaml`, also written
 * `file:./openslo.yaml`), resolved by the rules every file an entity names
 * follows (see `resolveEntityFileLocation`).
 *
 * @throws InputError saying why a target cannot be used
 * @internal
 */
export function sloLocationsOf(entity: Entity): SloFileLocation[] {
  const annotation = entity.metadata.annotations?.[ANNOTATION_OPENSLO] ?? '';
  const targets = annotation
    .split(/[,\n]/)
    .map(part => part.trim())
    .filter(Boolean);
  if (targets.length > ENTITY_FILE_LIMITS.maxLocations) {
    throw new InputError(
      `names ${targets.length} locations; at most ${ENTITY_FILE_LIMITS.maxLocations} are read`,
    );
  }
  return targets.map(raw => {
    const location = resolveEntityFileLocation(entity, raw, SLO_FILE_KINDS);
    const relativeToUrl =
      location.type === 'url' &&
      !raw.startsWith('url:') &&
      !/^https?:\/\//i.test(raw);
    return { ...location, name: relativeToUrl ? location.target : raw };
  });
}
