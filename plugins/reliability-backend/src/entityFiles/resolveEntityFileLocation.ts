import {
  ANNOTATION_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import path from 'node:path';
import { excerpt } from './excerpt';

/**
 * Where a file (or folder of files) named by an entity's annotation is: a URL
 * read through the backend's UrlReader, or — for entities registered from a
 * local file, like the demo catalog — a path on this machine inside the
 * folder of the entity's catalog file.
 *
 * @internal
 */
export type EntityFileLocation =
  | {
      type: 'url';
      /** An absolute http(s) URL. */
      target: string;
      /** Whether the URL names a folder (read as a tree) or a single file. */
      folder: boolean;
    }
  | {
      type: 'file';
      /** Absolute path of the file or folder (a folder is told by its stat). */
      target: string;
      /** The folder of the entity's catalog file: nothing outside it is read. */
      base: string;
    };

/**
 * Which files a reader wants, to tell a URL of a file from a URL of a folder.
 *
 * @internal
 */
export interface EntityFileKinds {
  /** Names of the files read, e.g. `/\.ya?ml$/i`. */
  files: RegExp;
  /** What a URL is whose path neither ends with `/` nor matches `files`. */
  otherUrls: 'file' | 'folder';
}

/** The phrase every refusal to leave the entity's folder uses. */
export const LEAVES_FOLDER = "leaves the folder of the entity's catalog file";

const ELSEWHERE = 'name a file elsewhere with url:<absolute URL>';

const isHttpUrl = (value: string) => /^https?:\/\//i.test(value);
const show = (value: string) => JSON.stringify(excerpt(value, 100));

/**
 * Whether `target` is `base` or below it (both absolute; symbolic links are
 * the caller's to resolve first).
 *
 * @internal
 */
export function isInsideFolder(base: string, target: string): boolean {
  const relative = path.relative(base, target);
  return (
    relative === '' ||
    (relative !== '..' &&
      !relative.startsWith(`..${path.sep}`) &&
      !path.isAbsolute(relative))
  );
}

function urlIsFolder(
  url: URL,
  prefix: string | undefined,
  kinds: EntityFileKinds,
): boolean {
  if (prefix === 'dir') {
    return true;
  }
  if (prefix === 'file') {
    return false;
  }
  if (url.pathname.endsWith('/')) {
    return true;
  }
  return kinds.files.test(url.pathname) ? false : kinds.otherUrls === 'folder';
}

function absoluteUrl(
  value: string,
  kinds: EntityFileKinds,
): EntityFileLocation {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new InputError(
      `url: needs an absolute http(s) URL, got ${show(value)}`,
    );
  }
  return {
    type: 'url',
    target: url.toString(),
    folder: urlIsFolder(url, undefined, kinds),
  };
}

/**
 * Resolves one location named by an entity's annotation, as TechDocs resolves
 * `backstage.io/techdocs-ref`: `url:<absolute URL>` or an absolute http(s)
 * URL as is (the UrlReader decides whether it may be read); `dir:<path>`,
 * `file:<path>` or a bare relative path against the entity's own catalog file,
 * `backstage.io/managed-by-location`, which the catalog sets — never against
 * `backstage.io/source-location`, which the entity's file may set itself. A
 * relative path stays inside the folder of the catalog file: on the same
 * origin and under the same path for a URL, below the folder for a local file
 * (symbolic links are followed, and checked, when the file is read).
 *
 * @throws InputError saying why the value cannot be used
 * @internal
 */
export function resolveEntityFileLocation(
  entity: Entity,
  value: string,
  kinds: EntityFileKinds,
): EntityFileLocation {
  const raw = value.trim();
  if (!raw) {
    throw new InputError('names no location');
  }
  if (raw.startsWith('url:')) {
    return absoluteUrl(raw.slice('url:'.length).trim(), kinds);
  }
  if (isHttpUrl(raw)) {
    return absoluteUrl(raw, kinds);
  }
  const prefix = /^(dir|file):/.exec(raw)?.[1];
  const relative = (prefix ? raw.slice(prefix.length + 1).trim() : raw) || '.';
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(relative)) {
    throw new InputError(`${show(raw)} is not a relative path`);
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative) || relative.startsWith('/')) {
    throw new InputError(`${show(raw)} ${LEAVES_FOLDER}; ${ELSEWHERE}`);
  }

  const managedBy = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!managedBy) {
    throw new InputError(
      `cannot resolve ${show(
        raw,
      )}: the entity has no ${ANNOTATION_LOCATION} annotation; ${ELSEWHERE}`,
    );
  }
  let location: { type: string; target: string };
  try {
    location = parseLocationRef(managedBy);
  } catch {
    throw new InputError(
      `cannot resolve ${show(
        raw,
      )}: the entity's ${ANNOTATION_LOCATION} is not a location`,
    );
  }

  if (location.type === 'url') {
    let folder: URL;
    let target: URL;
    try {
      folder = new URL('.', location.target);
      target = new URL(relative, folder);
    } catch {
      throw new InputError(
        `cannot resolve ${show(raw)} against the entity's location`,
      );
    }
    // Encoded slashes and a query could lead a server elsewhere after the
    // checks below; a relative path needs neither.
    if (
      /%(2f|5c)/i.test(relative) ||
      target.origin !== folder.origin ||
      !target.pathname.startsWith(folder.pathname) ||
      target.search ||
      target.hash
    ) {
      throw new InputError(`${show(raw)} ${LEAVES_FOLDER}; ${ELSEWHERE}`);
    }
    return {
      type: 'url',
      target: target.toString(),
      folder: urlIsFolder(target, prefix, kinds),
    };
  }

  if (location.type === 'file') {
    const base = path.dirname(path.resolve(location.target));
    const target = path.resolve(base, relative);
    if (!isInsideFolder(base, target)) {
      throw new InputError(`${show(raw)} ${LEAVES_FOLDER}; ${ELSEWHERE}`);
    }
    return { type: 'file', target, base };
  }

  throw new InputError(
    `cannot resolve ${show(raw)} against the entity's ${
      location.type
    } location; ${ELSEWHERE}`,
  );
}
