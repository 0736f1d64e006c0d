import { InputError } from '@backstage/errors';

/**
 * The caps on the files an entity's annotations name, so that no entity can
 * make the backend read or parse without bound. The README's "Files an entity
 * points at" states them; change both together.
 *
 * @internal
 */
export const ENTITY_FILE_LIMITS = {
  /** Bytes of one file; a larger file is refused before it is buffered. */
  maxFileBytes: 512 * 1024,
  /** Files read from one folder. */
  maxFiles: 500,
  /** Folder levels read below the folder named (0: its own files only). */
  maxDepth: 4,
  /** Locations in one annotation (the OpenSLO annotation takes a list). */
  maxLocations: 20,
} as const;

const { maxFileBytes, maxFiles, maxDepth } = ENTITY_FILE_LIMITS;

/** @internal */
export const tooLarge = (name: string) =>
  new InputError(
    `${name} is larger than ${
      maxFileBytes / 1024
    } KiB; split it into smaller files`,
  );

/** @internal */
export const tooMany = (name: string) =>
  new InputError(
    `${name} holds more than ${maxFiles} files; name a smaller folder`,
  );

/**
 * Whether a path inside a folder is read: by name, depth and hidden folders.
 *
 * @internal
 */
export function wanted(relative: string, files: RegExp): boolean {
  const segments = relative.split('/').filter(Boolean);
  const name = segments.pop();
  return (
    name !== undefined &&
    files.test(name) &&
    segments.length <= maxDepth &&
    !segments.some(segment => segment.startsWith('.'))
  );
}
