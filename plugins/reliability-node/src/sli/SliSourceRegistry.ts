import { SliSource } from './types';

/**
 * The SLI sources known to the backend, by OpenSLO `metricSource.type`
 * (matched without regard to case, as OpenSLO files spell it either way).
 *
 * @public
 */
export class SliSourceRegistry {
  readonly #sources = new Map<string, SliSource>();

  /** Adds a source; throws when its type is empty or already taken. */
  add(source: SliSource): void {
    const key = source.type.trim().toLocaleLowerCase('en-US');
    if (!key) {
      throw new Error('An SLI source must have a type');
    }
    if (this.#sources.has(key)) {
      throw new Error(`An SLI source of type '${source.type}' is already registered`);
    }
    this.#sources.set(key, source);
  }

  /** The source for a `metricSource.type`, if any. */
  get(type: string): SliSource | undefined {
    return this.#sources.get(type.trim().toLocaleLowerCase('en-US'));
  }

  /** The registered types, as their sources spell them, sorted. */
  types(): string[] {
    return [...this.#sources.values()].map(source => source.type).sort();
  }
}
