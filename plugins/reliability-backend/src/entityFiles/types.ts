import { UrlReaderService } from '@backstage/backend-plugin-api';

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
