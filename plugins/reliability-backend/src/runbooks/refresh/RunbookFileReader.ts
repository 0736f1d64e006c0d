import { UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { RunbookLocation } from './runbookLocation';

/**
 * One runbook file as read.
 *
 * @internal
 */
export interface RunbookFile {
  /** How problems and sources name the file. */
  name: string;
  text: string;
}

/**
 * The files at a location, and the location's ETag when the reader gave one.
 *
 * @internal
 */
export interface RunbookFiles {
  files: RunbookFile[];
  etag?: string;
}

/** Files a runbook folder may hold; others are ignored. */
const RUNBOOK_FILE = /\.(ya?ml|md|markdown)$/i;
/** Guards against a folder that is not a runbook folder. */
const MAX_FILES = 500;
const MAX_FILE_BYTES = 512 * 1024;
const MAX_DEPTH = 4;

const looksLikeFile = (target: string) =>
  RUNBOOK_FILE.test(new URL(target).pathname);

function checkSize(name: string, bytes: number) {
  if (bytes > MAX_FILE_BYTES) {
    throw new InputError(
      `${name} is larger than ${
        MAX_FILE_BYTES / 1024
      } KiB; split it into several runbook files`,
    );
  }
}

/**
 * Reads runbook files: a single file, or every `.yaml`, `.yml` and `.md`
 * file under a folder. URLs go through the backend's UrlReader (which honours
 * `backend.reading.allow` and the SCM integrations, and answers
 * NotModifiedError when the ETag still matches); local paths, which the
 * UrlReader does not read, are read from disk.
 *
 * @internal
 */
export class RunbookFileReader {
  static create(options: { urlReader: UrlReaderService }) {
    return new RunbookFileReader(options.urlReader);
  }

  private constructor(private readonly urlReader: UrlReaderService) {}

  /** @throws NotModifiedError when `etag` matches (URLs only) */
  async read(
    location: RunbookLocation,
    options: { etag?: string } = {},
  ): Promise<RunbookFiles> {
    return location.type === 'url'
      ? this.readUrl(location.target, options.etag)
      : this.readLocal(location.target, location.base);
  }

  private async readUrl(target: string, etag?: string): Promise<RunbookFiles> {
    if (looksLikeFile(target)) {
      const response = await this.urlReader.readUrl(target, { etag });
      const buffer = await response.buffer();
      checkSize(target, buffer.length);
      return {
        files: [{ name: target, text: buffer.toString('utf8') }],
        etag: response.etag,
      };
    }
    const tree = await this.urlReader.readTree(target, {
      etag,
      filter: (file, info) =>
        RUNBOOK_FILE.test(file) &&
        (info?.size === undefined || info.size <= MAX_FILE_BYTES),
    });
    const files = (await tree.files())
      .filter(file => RUNBOOK_FILE.test(file.path))
      .sort((a, b) => a.path.localeCompare(b.path));
    if (files.length > MAX_FILES) {
      throw new InputError(
        `${target} holds more than ${MAX_FILES} runbook files`,
      );
    }
    const base = target.endsWith('/') ? target : `${target}/`;
    return {
      files: await Promise.all(
        files.map(async file => {
          const content = await file.content();
          checkSize(file.path, content.length);
          return {
            name: `${base}${file.path}`,
            text: content.toString('utf8'),
          };
        }),
      ),
      etag: tree.etag,
    };
  }

  private async readLocal(target: string, base: string): Promise<RunbookFiles> {
    const nameOf = (file: string) =>
      path.relative(base, file).split(path.sep).join('/') ||
      path.basename(file);
    let stat;
    try {
      stat = await fs.stat(target);
    } catch {
      throw new InputError(`${nameOf(target)} does not exist`);
    }
    const paths = stat.isDirectory() ? await walk(target, 0) : [target];
    if (paths.length > MAX_FILES) {
      throw new InputError(
        `${nameOf(target)} holds more than ${MAX_FILES} runbook files`,
      );
    }
    const files: RunbookFile[] = [];
    for (const file of paths.sort()) {
      const info = await fs.stat(file);
      checkSize(nameOf(file), info.size);
      files.push({ name: nameOf(file), text: await fs.readFile(file, 'utf8') });
    }
    return { files };
  }
}

async function walk(dir: string, depth: number): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (
      entry.isDirectory() &&
      depth < MAX_DEPTH &&
      !entry.name.startsWith('.')
    ) {
      out.push(...(await walk(full, depth + 1)));
    } else if (entry.isFile() && RUNBOOK_FILE.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}
