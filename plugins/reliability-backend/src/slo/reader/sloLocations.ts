import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Entity, getEntitySourceLocation } from '@backstage/catalog-model';
import { ANNOTATION_OPENSLO } from '@reliability-hub/plugin-reliability-common';
import path from 'node:path';

/**
 * Where one OpenSLO file (or folder of files) is: a URL read through the
 * backend's UrlReader, or, for entities registered from a local `file`
 * location, a path on this machine inside the entity's own folder (as
 * TechDocs does for `dir:` references of local entities).
 *
 * @internal
 */
export type SloFileLocation =
  | { type: 'url'; target: string; folder: boolean; name: string }
  | { type: 'file'; target: string; folder: boolean; name: string };

/**
 * The locations named by an entity's `reliability-hub.io/openslo`
 * annotation: one or more (separated by commas or new lines) of `url:<url>`,
 * an absolute URL, `dir:<path>` (every YAML file of a folder) or a path
 * relative to the entity's own catalog file (`./openslo.yaml`, also written
 * `file:./openslo.yaml`). Throws an Error saying why a target cannot be used.
 *
 * @internal
 */
export function sloLocationsOf(entity: Entity): SloFileLocation[] {
  const annotation = entity.metadata.annotations?.[ANNOTATION_OPENSLO] ?? '';
  const targets = annotation
    .split(/[,\n]/)
    .map(part => part.trim())
    .filter(Boolean);
  return targets.map(raw => {
    let target = raw;
    let folder = false;
    if (target.startsWith('url:')) {
      return { type: 'url', target: target.slice(4), folder: false, name: raw };
    }
    if (/^https?:\/\//.test(target)) {
      return { type: 'url', target, folder: false, name: raw };
    }
    if (target.startsWith('dir:')) {
      target = target.slice(4);
      folder = true;
    } else if (target.startsWith('file:')) {
      target = target.slice(5);
    }
    const source = getEntitySourceLocation(entity);
    if (source.type === 'url') {
      const url = new URL(target, source.target).toString();
      return { type: 'url', target: url, folder, name: url };
    }
    if (source.type === 'file') {
      // Only files in the entity's own folder (or below) may be read.
      const file = resolveSafeChildPath(path.dirname(source.target), target);
      return { type: 'file', target: file, folder, name: raw };
    }
    throw new Error(
      `cannot resolve ${JSON.stringify(raw)} against the entity's ${
        source.type
      } location; use url:<absolute URL>`,
    );
  });
}
