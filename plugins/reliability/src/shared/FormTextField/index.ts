export { FormTextField, selectOptions } from './FormTextField';
export type { SelectOption } from './FormTextField';
