import { UrlReaderService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { SloDefinitionProblem } from '@reliability-hub/plugin-reliability-common';
import { boundedMessage, readEntityFiles } from '../../entityFiles';
import { SLO_FILE_KINDS, SloFileLocation } from './sloLocations';

/**
 * The text of one OpenSLO file, named as problems and definitions show it.
 *
 * @internal
 */
export interface SloFile {
  name: string;
  text: string;
}

/**
 * What reading an entity's OpenSLO locations gave.
 *
 * @internal
 */
export interface SloFilesRead {
  files: SloFile[];
  problems: SloDefinitionProblem[];
  etags: Record<string, string>;
  /** True when every file answered "not modified" to its stored ETag. */
  unchanged: boolean;
}

function readProblem(name: string, error: unknown): SloDefinitionProblem {
  // The shared reader's messages quote nothing it read.
  const reason = boundedMessage(isError(error) ? error.message : String(error));
  const message =
    isError(error) && error.name === 'NotFoundError'
      ? `file not found: ${reason}`
      : `cannot read the file: ${reason}`;
  return { file: name, documentIndex: null, field: 'location', message };
}

/** How problems and definitions name a file read at a location. */
function fileName(
  location: SloFileLocation,
  file: { name: string; path: string },
): string {
  if (!file.path) {
    return location.name;
  }
  return location.type === 'url'
    ? file.name
    : `${location.name.replace(/\/$/, '')}/${file.path}`;
}

/**
 * Reads every file of an entity's OpenSLO locations. A file that cannot be
 * read (missing, not allowed, unreachable, too large) is a problem, not an
 * error. Single URL files are read conditionally with their previous ETag;
 * when all of them are unchanged, nothing needs to be parsed again.
 *
 * @internal
 */
export async function readSloFiles(
  reader: UrlReaderService,
  locations: SloFileLocation[],
  previousEtags: Record<string, string> = {},
): Promise<SloFilesRead> {
  const files: SloFile[] = [];
  const problems: SloDefinitionProblem[] = [];
  const etags: Record<string, string> = {};
  let notModified = 0;
  const single = locations.every(l => l.type === 'url' && !l.folder);

  for (const location of locations) {
    const etag = single ? previousEtags[location.target] : undefined;
    try {
      const read = await readEntityFiles(location, {
        urlReader: reader,
        files: SLO_FILE_KINDS.files,
        etag,
      });
      if (read.etag && location.type === 'url' && !location.folder) {
        etags[location.target] = read.etag;
      }
      files.push(
        ...read.files.map(file => ({
          name: fileName(location, file),
          text: file.text,
        })),
      );
    } catch (error) {
      if (isError(error) && error.name === 'NotModifiedError' && etag) {
        etags[location.target] = etag;
        notModified++;
        continue;
      }
      problems.push(readProblem(location.name, error));
    }
  }

  const unchanged =
    single && locations.length > 0 && notModified === locations.length;
  if (notModified > 0 && !unchanged) {
    // Some files changed: the unchanged ones are needed again to re-parse.
    return readSloFiles(reader, locations, {});
  }
  return { files, problems, etags, unchanged };
}
