import { UrlReaderService } from '@backstage/backend-plugin-api';
import { readEntityFiles } from '../../entityFiles';
import { RUNBOOK_FILE_KINDS, RunbookLocation } from './runbookLocation';

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

/**
 * Reads runbook files: a single file, or every `.yaml`, `.yml`, `.md` and
 * `.markdown` file under a folder, with the caps and folder rules every file
 * an entity names follows (see `readEntityFiles`).
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
    const { files, etag } = await readEntityFiles(location, {
      urlReader: this.urlReader,
      files: RUNBOOK_FILE_KINDS.files,
      etag: options.etag,
    });
    return { files: files.map(({ name, text }) => ({ name, text })), etag };
  }
}
