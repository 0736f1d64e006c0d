import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import path from 'node:path';

/**
 * Where an entity's runbook files are: a URL read through the UrlReader, or
 * — for entities registered from local files, like the demo catalog — a path
 * on this machine inside the folder of the entity's own catalog file.
 *
 * @internal
 */
export type RunbookLocation =
  | { type: 'url'; target: string }
  | {
      type: 'file';
      /** Absolute path of the file or folder. */
      target: string;
      /** The folder of the entity's catalog file: names are shown relative to it. */
      base: string;
    };

const isHttpUrl = (value: string) => /^https?:\/\//i.test(value);

/**
 * Resolves the value of the `reliability-hub.io/runbooks` annotation as
 * TechDocs resolves `backstage.io/techdocs-ref`: `url:<absolute URL>` as is;
 * `dir:<path>`, `file:<path>` or a bare relative path against the entity's
 * own location (`backstage.io/managed-by-location`). A local path may not
 * leave the folder of the entity's catalog file.
 *
 * @throws InputError when the value cannot be resolved
 * @internal
 */
export function resolveRunbookLocation(
  entity: Entity,
  annotation: string,
): RunbookLocation {
  const value = annotation.trim();
  if (value.startsWith('url:')) {
    const target = value.slice('url:'.length).trim();
    if (!isHttpUrl(target)) {
      throw new InputError(
        `url: needs an absolute http(s) URL, got "${target}"`,
      );
    }
    return { type: 'url', target };
  }
  if (isHttpUrl(value)) {
    return { type: 'url', target: value };
  }
  const relative = value.replace(/^(dir|file):/, '').trim() || '.';

  const managedBy = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!managedBy) {
    throw new InputError(
      `cannot resolve the relative path "${relative}": the entity has no ${ANNOTATION_LOCATION} annotation`,
    );
  }
  const location = parseLocationRef(managedBy);
  if (location.type === 'url') {
    return {
      type: 'url',
      target: new URL(relative, location.target).toString(),
    };
  }
  if (location.type === 'file') {
    const base = path.dirname(location.target);
    try {
      return {
        type: 'file',
        target: resolveSafeChildPath(base, relative),
        base,
      };
    } catch {
      throw new InputError(
        `the path "${relative}" leaves the folder of the entity's catalog file`,
      );
    }
  }
  throw new InputError(
    `cannot resolve "${relative}" against a ${location.type} location; use url:<absolute URL>`,
  );
}
