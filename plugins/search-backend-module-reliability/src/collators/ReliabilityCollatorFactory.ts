import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import { Readable } from 'node:stream';
import { ReliabilityApiReader } from './ReliabilityApiReader';

/**
 * Collates one list of the reliability API for the search backend: every
 * item of every page of `path`, made a document by `toDocument`.
 *
 * @internal
 */
export class ReliabilityCollatorFactory<T, D extends IndexableDocument>
  implements DocumentCollatorFactory
{
  readonly type: string;
  /**
   * Results are shown to those who may read the document's entity in the
   * catalog (its `authorization.resourceRef`), as the catalog's own
   * collator does.
   */
  readonly visibilityPermission = catalogEntityReadPermission;

  constructor(
    private readonly options: {
      type: string;
      reader: ReliabilityApiReader;
      path: string;
      toDocument: (item: T) => D;
    },
  ) {
    this.type = options.type;
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  private async *execute(): AsyncGenerator<D> {
    const { reader, path, toDocument } = this.options;
    for await (const items of reader.pages<T>(path)) {
      yield* items.map(toDocument);
    }
  }
}
