import { UrlReaderService } from '@backstage/backend-plugin-api';
import { readEntityFiles } from '../../entityFiles';
import { RUNBOOK_FILE_KINDS, RunbookLocation } from './runbookLocations';

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
export interface RunbookFilesRead {
  files: RunbookFile[];
  etag?: string;
}

/**
 * Reads an entity's runbook files: a single file, or every `.yaml`, `.yml`,
 * `.md` and `.markdown` file under a folder, with the caps and folder rules
 * every file an entity names follows (see `readEntityFiles`).
 *
 * @throws NotModifiedError when `etag` matches (URLs only)
 * @internal
 */
export async function readRunbookFiles(
  urlReader: UrlReaderService,
  location: RunbookLocation,
  options: { etag?: string } = {},
): Promise<RunbookFilesRead> {
  const { files, etag } = await readEntityFiles(location, {
    urlReader,
    files: RUNBOOK_FILE_KINDS.files,
    etag: options.etag,
  });
  return { files: files.map(({ name, text }) => ({ name, text })), etag };
}
