import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ENTITY_FILE_LIMITS, tooLarge, tooMany } from './limits';
import {
  EntityFileLocation,
  isInsideFolder,
  LEAVES_FOLDER,
} from './resolveEntityFileLocation';
import { EntityFile, EntityFiles, ReadEntityFilesOptions } from './types';

const { maxFileBytes, maxFiles, maxDepth } = ENTITY_FILE_LIMITS;
const CHUNK_BYTES = 64 * 1024;

const notRegular = (name: string) =>
  new InputError(`${name} is not a regular file`);

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

/**
 * Reads a local file, or the wanted files of a local folder, below the folder
 * of the entity's catalog file once symbolic links are resolved.
 *
 * @internal
 */
export async function readLocalFiles(
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
