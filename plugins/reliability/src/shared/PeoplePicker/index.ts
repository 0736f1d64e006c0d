export { PeoplePicker } from './PeoplePicker';
export type { PeoplePickerProps, PeopleKind } from './PeoplePicker';
