export { boundedMessage, excerpt, quote, safeErrorMessage } from './excerpt';
export { ENTITY_FILE_LIMITS } from './limits';
export { readEntityFiles } from './readEntityFiles';
export type { EntityFile, EntityFiles, ReadEntityFilesOptions } from './types';
export { resolveEntityFileLocation } from './resolveEntityFileLocation';
export type {
  EntityFileKinds,
  EntityFileLocation,
} from './resolveEntityFileLocation';
