import {
  UrlReaderService,
  UrlReaderServiceReadUrlResponse,
} from '@backstage/backend-plugin-api';
import {
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { safeErrorMessage } from './excerpt';
import { ENTITY_FILE_LIMITS } from './limits';
import {
  EntityFileLocation,
  isInsideFolder,
  LEAVES_FOLDER,
} from './resolveEntityFileLocation';

/**
 * One file read for an entity.
 *
 * @internal
 */
export interface EntityFile {
  /**
   * How problems and sources name the file: its URL, or its path relative to
   * the folder of the entity's catalog file.
   */
  name: string;
  /** Its path inside the folder read (`/`-separated); empty for a single file. */
  path: string;
  text: string;
}

/**
 * The files at a location, and the location's ETag when the reader gave one.
 *
 * @internal
 */
export interface EntityFiles {
  files: EntityFile[];
  etag?: string;
}

/**
 * What to read at a location.
 *
 * @internal
 */
export interface ReadEntityFilesOptions {
  urlReader: UrlReaderService;
  /** Names of the files read from a folder, e.g. `/\.ya?ml$/i`. */
  files: RegExp;
  /** The ETag of the last read of a URL: NotModifiedError while it matches. */
  etag?: string;
}

const { maxFileBytes, maxFiles, maxDepth } = ENTITY_FILE_LIMITS;
/** The errors this module raises, whose messages are safe to show. */
const OWN_ERRORS = ['InputError', 'NotFoundError', 'NotAllowedError'];
const CHUNK_BYTES = 64 * 1024;

const tooLarge = (name: string) =>
  new InputError(
    `${name} is larger than ${
      maxFileBytes / 1024
    } KiB; split it into smaller files`,
  );

const tooMany = (name: string) =>
  new InputError(
    `${name} holds more than ${maxFiles} files; name a smaller folder`,
  );

const notRegular = (name: string) =>
  new InputError(`${name} is not a regular file`);

/** Whether a path inside a folder is read: by name, depth and hidden folders. */
function wanted(relative: string, files: RegExp): boolean {
  const segments = relative.split('/').filter(Boolean);
  const name = segments.pop();
  return (
    name !== undefined &&
    files.test(name) &&
    segments.length <= maxDepth &&
    !segments.some(segment => segment.startsWith('.'))
  );
}

/**
 * The error to report for a failed UrlReader call: its class kept (so callers
 * can tell "not found"), its message bounded and quoting nothing it read.
 */
function readFailure(url: string, error: unknown): Error {
  if (isError(error) && error.name === 'NotModifiedError') {
    return error;
  }
  // The UrlReader's own refusal, or the fetch reader's (a plain Error).
  if (
    (isError(error) && error.name === 'NotAllowedError') ||
    /backend\.reading\.allow/.test(isError(error) ? error.message : '')
  ) {
    return new NotAllowedError(
      `reading ${url} is not allowed: add its host to backend.reading.allow or configure an integration for it`,
    );
  }
  if (isError(error) && error.name === 'NotFoundError') {
    return new NotFoundError(safeErrorMessage(error));
  }
  return new InputError(safeErrorMessage(error));
}

/** A response's bytes, refusing (and no longer reading) past the cap. */
async function cappedBody(
  response: UrlReaderServiceReadUrlResponse,
  name: string,
): Promise<Buffer> {
  if (!response.stream) {
    const buffer = await response.buffer();
    if (buffer.length > maxFileBytes) {
      throw tooLarge(name);
    }
    return buffer;
  }
  const stream = response.stream();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += buffer.length;
      if (size > maxFileBytes) {
        throw tooLarge(name);
      }
      chunks.push(buffer);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks);
}

async function readUrlFile(
  target: string,
  options: ReadEntityFilesOptions,
): Promise<EntityFiles> {
  let response: UrlReaderServiceReadUrlResponse;
  let body: Buffer;
  try {
    response = await options.urlReader.readUrl(target, { etag: options.etag });
    body = await cappedBody(response, target);
  } catch (error) {
    throw error instanceof InputError ? error : readFailure(target, error);
  }
  return {
    files: [{ name: target, path: '', text: body.toString('utf8') }],
    etag: response.etag,
  };
}

async function readUrlFolder(
  target: string,
  options: ReadEntityFilesOptions,
): Promise<EntityFiles> {
  const base = target.endsWith('/') ? target : `${target}/`;
  const large: string[] = [];
  try {
    const tree = await options.urlReader.readTree(target, {
      etag: options.etag,
      filter: (file, info) => {
        if (!wanted(file, options.files)) {
          return false;
        }
        if (info?.size !== undefined && info.size > maxFileBytes) {
          large.push(file);
          return false;
        }
        return true;
      },
    });
    if (large.length) {
      throw tooLarge(`${base}${large[0]}`);
    }
    // Not every reader applies the filter.
    const entries = (await tree.files())
      .filter(file => wanted(file.path, options.files))
      .sort((a, b) => a.path.localeCompare(b.path));
    if (entries.length > maxFiles) {
      throw tooMany(target);
    }
    const files: EntityFile[] = [];
    for (const entry of entries) {
      const content = await entry.content();
      if (content.length > maxFileBytes) {
        throw tooLarge(`${base}${entry.path}`);
      }
      files.push({
        name: `${base}${entry.path}`,
        path: entry.path,
        text: content.toString('utf8'),
      });
    }
    return { files, etag: tree.etag };
  } catch (error) {
    throw error instanceof InputError ? error : readFailure(target, error);
  }
}

/** The real path of `file`, refused when it is not below `realBase`. */
async function realPathInside(
  file: string,
  realBase: string,
  name: string,
): Promise<string> {
  let real: string;
  try {
    real = await fs.realpath(file);
  } catch (error) {
    const code = (error as { code?: string })?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new NotFoundError(`${name} does not exist`);
    }
    throw new InputError(`${name} cannot be read (${code ?? 'error'})`);
  }
  if (!isInsideFolder(realBase, real)) {
    // Through a symbolic link: the lexical check passed when resolving.
    throw new NotAllowedError(
      `${name} ${LEAVES_FOLDER} through a symbolic link`,
    );
  }
  return real;
}

/**
 * The text of a regular file, refused before it is read when it is anything
 * else (a device such as /dev/zero, a FIFO that would block, a socket) or
 * larger than the cap, and read no further than the cap if it grows.
 */
async function readRegularFile(real: string, name: string): Promise<string> {
  const info = await fs.stat(real);
  if (!info.isFile()) {
    throw notRegular(name);
  }
  if (info.size > maxFileBytes) {
    throw tooLarge(name);
  }
  // O_NONBLOCK: should the file have become a FIFO since, opening it does not
  // wait for a writer; O_NOFOLLOW: nor may it have become a link.
  const handle = await fs.open(
    real,
    constants.O_RDONLY |
      (constants.O_NOFOLLOW ?? 0) |
      (constants.O_NONBLOCK ?? 0),
  );
  try {
    if (!(await handle.stat()).isFile()) {
      throw notRegular(name);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, size);
      if (bytesRead === 0) {
        break;
      }
      size += bytesRead;
      if (size > maxFileBytes) {
        throw tooLarge(name);
      }
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Paths (relative, `/`-separated, sorted) of the files wanted in a folder. */
async function listFolder(
  folder: string,
  name: string,
  files: RegExp,
): Promise<string[]> {
  const out: string[] = [];
  const walk = async (relative: string, depth: number) => {
    const entries = await fs.readdir(
      path.join(folder, ...relative.split('/')),
      {
        withFileTypes: true,
      },
    );
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      // A link to a folder is not followed; a link to a file is read (and
      // checked) like any file.
      if (entry.isDirectory()) {
        if (depth < maxDepth && !entry.name.startsWith('.')) {
          await walk(child, depth + 1);
        }
      } else if (files.test(entry.name)) {
        out.push(child);
        if (out.length > maxFiles) {
          throw tooMany(name);
        }
      }
    }
  };
  await walk('', 0);
  return out.sort();
}

async function readLocal(
  location: Extract<EntityFileLocation, { type: 'file' }>,
  options: ReadEntityFilesOptions,
): Promise<EntityFiles> {
  const nameOf = (file: string) =>
    path.relative(location.base, file).split(path.sep).join('/') ||
    path.basename(file);
  const name = nameOf(location.target);
  let realBase: string;
  try {
    realBase = await fs.realpath(location.base);
  } catch {
    throw new NotFoundError(
      "the folder of the entity's catalog file does not exist",
    );
  }
  const real = await realPathInside(location.target, realBase, name);
  if (!(await fs.stat(real)).isDirectory()) {
    return {
      files: [{ name, path: '', text: await readRegularFile(real, name) }],
    };
  }
  const files: EntityFile[] = [];
  for (const relative of await listFolder(real, name, options.files)) {
    const fileName = nameOf(path.join(location.target, ...relative.split('/')));
    const realFile = await realPathInside(
      path.join(real, ...relative.split('/')),
      realBase,
      fileName,
    );
    files.push({
      name: fileName,
      path: relative,
      text: await readRegularFile(realFile, fileName),
    });
  }
  return { files };
}

/**
 * Reads the files at a location an entity named: a single file, or every
 * file matching `files` in a folder (down to {@link ENTITY_FILE_LIMITS}'s
 * depth, hidden folders skipped). URLs go through the backend's UrlReader only,
 * which honours `backend.reading.allow` and the SCM integrations (and answers
 * NotModifiedError while the ETag matches); local paths are read from disk,
 * only below the folder of the entity's catalog file once symbolic links are
 * resolved, and only regular files. Every file is capped in size before it is
 * buffered, and a folder in its number of files.
 *
 * @throws InputError, NotFoundError or NotAllowedError with a message that
 *   quotes nothing read; NotModifiedError as the UrlReader throws it
 * @internal
 */
export async function readEntityFiles(
  location: EntityFileLocation,
  options: ReadEntityFilesOptions,
): Promise<EntityFiles> {
  if (location.type === 'file') {
    try {
      return await readLocal(location, options);
    } catch (error) {
      if (isError(error) && OWN_ERRORS.includes(error.name)) {
        throw error;
      }
      // A file system error names the host's absolute path: not for users.
      const code = (error as { code?: string })?.code ?? 'error';
      throw new InputError(`the files could not be read (${code})`);
    }
  }
  return location.folder
    ? readUrlFolder(location.target, options)
    : readUrlFile(location.target, options);
}
