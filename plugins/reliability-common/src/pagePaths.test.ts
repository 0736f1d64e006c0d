import {
  incidentPagePath,
  postmortemPagePath,
  runbookPagePath,
  sloPagePath,
} from './pagePaths';

describe('runbookPagePath', () => {
  it.each([
    [
      'component:default/checkout/db-pool',
      '/reliability/runbooks/component%3Adefault%2Fcheckout%2Fdb-pool',
    ],
    ['a b?c#d', '/reliability/runbooks/a%20b%3Fc%23d'],
  ])('puts %p into one path segment', (id, path) => {
    expect(runbookPagePath(id)).toBe(path);
  });
});

describe('postmortemPagePath', () => {
  it.each([
    [
      'component:default/checkout',
      'pm-1',
      '/catalog/default/component/checkout/incidents/postmortems/pm-1',
    ],
    [
      'Component:Shop/Cart',
      'a/b',
      '/catalog/Shop/component/Cart/incidents/postmortems/a%2Fb',
    ],
  ])('leads %p %p to %p', (entityRef, id, path) => {
    expect(postmortemPagePath(entityRef, id)).toBe(path);
  });
});

describe('incidentPagePath', () => {
  it.each([
    [
      'component:default/checkout',
      'INC-20261207-001',
      '/catalog/default/component/checkout/incidents/INC-20261207-001',
    ],
    [
      'Component:Shop/Cart',
      'a/b',
      '/catalog/Shop/component/Cart/incidents/a%2Fb',
    ],
  ])('leads %p %p to %p', (entityRef, id, path) => {
    expect(incidentPagePath(entityRef, id)).toBe(path);
  });
});

describe('sloPagePath', () => {
  it.each([
    [
      'component:default/checkout',
      undefined,
      '/catalog/default/component/checkout/slos',
    ],
    [
      'component:default/checkout',
      'component:default/checkout/availability/0',
      '/catalog/default/component/checkout/slos?slo=component%3Adefault%2Fcheckout%2Favailability%2F0',
    ],
    [
      'Component:Shop/Cart',
      'a&b=c#d',
      '/catalog/Shop/component/Cart/slos?slo=a%26b%3Dc%23d',
    ],
  ])('leads %p %p to %p', (entityRef, id, path) => {
    expect(sloPagePath(entityRef, id)).toBe(path);
  });
});
