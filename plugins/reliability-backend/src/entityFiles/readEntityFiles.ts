import { InputError, isError } from '@backstage/errors';
import { readLocalFiles } from './readLocalFiles';
import { readUrlFile, readUrlFolder } from './readUrlFiles';
import { EntityFileLocation } from './resolveEntityFileLocation';
import { EntityFiles, ReadEntityFilesOptions } from './types';

/** The errors this module raises, whose messages are safe to show. */
const OWN_ERRORS = ['InputError', 'NotFoundError', 'NotAllowedError'];

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
      return await readLocalFiles(location, options);
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
