import { UrlReaderServiceReadUrlResponse } from '@backstage/backend-plugin-api';
import {
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { safeErrorMessage } from './excerpt';
import { ENTITY_FILE_LIMITS, tooLarge, tooMany, wanted } from './limits';
import { EntityFile, EntityFiles, ReadEntityFilesOptions } from './types';

const { maxFileBytes, maxFiles } = ENTITY_FILE_LIMITS;

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

/**
 * Reads one file through the UrlReader, no further than the size cap.
 *
 * @internal
 */
export async function readUrlFile(
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

/**
 * Reads the wanted files of a folder through the UrlReader's tree, within the caps.
 *
 * @internal
 */
export async function readUrlFolder(
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
