// The test helpers of the frontend plugin: render helpers, API mocks and,
// under fixtures/, the records of each feature. Only tests import them.
export { useChartSize } from './chartSize';
export {
  makeEntity,
  makeGroup,
  makeUser,
  mockCatalogApi,
  SIGNED_IN_USER,
  TEST_PEOPLE,
} from './catalog';
export { mockReliabilityApi, responseError } from './mockReliabilityApi';
export { pickPerson } from './pickPerson';
export { renderWithApis } from './renderWithApis';
export * from './fixtures/actionItems';
export * from './fixtures/incidents';
export * from './fixtures/oncall';
export * from './fixtures/postmortems';
export * from './fixtures/runbooks';
export * from './fixtures/slo';
export * from './fixtures/summary';
