import { displayNameOf, personRefsIn, withDisplayNames } from './displayNames';

describe('display names', () => {
  const names = new Map([
    ['user:default/jonas.weber', 'Jonas Weber'],
    ['group:default/team-checkout', 'Team Checkout'],
  ]);

  it('writes the people a message names by their names, and leaves unknown refs', () => {
    expect(
      withDisplayNames(
        'Scribe: user:default/jonas.weber. Paged group:default/team-checkout and user:default/nobody (User:Default/Jonas.Weber)',
        names,
      ),
    ).toBe(
      'Scribe: Jonas Weber. Paged Team Checkout and user:default/nobody (Jonas Weber)',
    );
    expect(withDisplayNames('component:default/checkout is down', names)).toBe(
      'component:default/checkout is down',
    );
  });

  it('finds each person a text names once, without the sentence’s full stop', () => {
    expect(
      personRefsIn(
        'user:default/jonas.weber, USER:default/jonas.weber and group:default/sre.',
      ),
    ).toEqual(['user:default/jonas.weber', 'group:default/sre']);
  });

  it('takes the profile’s display name, else the title, else the name', () => {
    const entity = (extra: object) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'jonas.weber', ...extra },
      spec: {},
    });
    expect(
      displayNameOf({
        ...entity({}),
        spec: { profile: { displayName: 'Jonas Weber' } },
      }),
    ).toBe('Jonas Weber');
    expect(
      displayNameOf({ ...entity({}), spec: { profile: { displayName: ' ' } } }),
    ).toBe('jonas.weber');
    expect(displayNameOf(entity({ title: 'J. Weber' }))).toBe('J. Weber');
  });
});
