export {
  initials,
  PERSON_FIELDS,
  personFromRef,
  personOf,
  refName,
} from './person';
export type { Person } from './person';
export { usePeople } from './usePeople';
export { usePersonValue } from './usePersonValue';
export { useSignedInUser } from './useSignedInUser';
export { OWNER_KINDS } from './ownerKinds';
