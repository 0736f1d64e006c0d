import { UrlReaderService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { SloDefinitionProblem } from '@reliability-hub/plugin-reliability-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SloFileLocation } from './sloLocations';

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

const YAML_FILE = /\.ya?ml$/i;

function readProblem(name: string, error: unknown): SloDefinitionProblem {
  const reason = isError(error) ? error.message : String(error);
  const code = (error as { code?: string })?.code;
  let message = `cannot read the file: ${reason}`;
  if (code === 'ENOENT' || (isError(error) && error.name === 'NotFoundError')) {
    message = `file not found: ${reason}`;
  } else if (/not allowed/i.test(reason)) {
    message = `reading is not allowed (add the host to backend.reading.allow): ${reason}`;
  }
  return { file: name, documentIndex: null, field: 'location', message };
}

async function readLocalFiles(location: SloFileLocation): Promise<SloFile[]> {
  const stat = await fs.stat(location.target);
  if (!stat.isDirectory()) {
    return [
      { name: location.name, text: await fs.readFile(location.target, 'utf8') },
    ];
  }
  const entries = (await fs.readdir(location.target))
    .filter(entry => YAML_FILE.test(entry))
    .sort();
  return Promise.all(
    entries.map(async entry => ({
      name: `${location.name.replace(/\/$/, '')}/${entry}`,
      text: await fs.readFile(path.join(location.target, entry), 'utf8'),
    })),
  );
}

async function readUrlFolder(
  reader: UrlReaderService,
  location: SloFileLocation,
): Promise<SloFile[]> {
  const tree = await reader.readTree(location.target, {
    filter: file => YAML_FILE.test(file),
  });
  const files = await tree.files();
  const read = await Promise.all(
    files.map(async file => ({
      name: `${location.target.replace(/\/$/, '')}/${file.path}`,
      text: (await file.content()).toString('utf8'),
    })),
  );
  return read.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Reads every file of an entity's OpenSLO locations. A file that cannot be
 * read (missing, not allowed, unreachable) is a problem, not an error.
 * Single URL files are read conditionally with their previous ETag; when all
 * of them are unchanged, nothing needs to be parsed again.
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
    try {
      if (location.type === 'file') {
        files.push(...(await readLocalFiles(location)));
      } else if (location.folder) {
        files.push(...(await readUrlFolder(reader, location)));
      } else {
        const etag = single ? previousEtags[location.target] : undefined;
        try {
          const response = await reader.readUrl(location.target, { etag });
          if (response.etag) {
            etags[location.target] = response.etag;
          }
          files.push({
            name: location.name,
            text: (await response.buffer()).toString('utf8'),
          });
        } catch (error) {
          if (isError(error) && error.name === 'NotModifiedError' && etag) {
            etags[location.target] = etag;
            notModified++;
            continue;
          }
          throw error;
        }
      }
    } catch (error) {
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
