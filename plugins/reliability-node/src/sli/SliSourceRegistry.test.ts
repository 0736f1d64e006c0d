import { SliSourceRegistry } from './SliSourceRegistry';
import { SliSource } from './types';

const source = (type: string): SliSource => ({
  type,
  query: async () => [],
});

describe('SliSourceRegistry', () => {
  it('finds a source by type in any case', () => {
    const registry = new SliSourceRegistry();
    const prometheus = source('Prometheus');
    registry.add(prometheus);
    registry.add(source('push'));

    expect(registry.get('prometheus')).toBe(prometheus);
    expect(registry.get(' PROMETHEUS ')).toBe(prometheus);
    expect(registry.get('datadog')).toBeUndefined();
    expect(registry.types()).toEqual(['Prometheus', 'push']);
  });

  it.each([
    ['the same type twice', ['Prometheus', 'prometheus']],
    ['an empty type', ['  ']],
  ])('rejects %s', (_case, types) => {
    const registry = new SliSourceRegistry();
    expect(() => types.forEach(type => registry.add(source(type)))).toThrow(
      /SLI source/,
    );
  });
});
