import { ReliabilityApiReader } from './ReliabilityApiReader';
import { ReliabilityCollatorFactory } from './ReliabilityCollatorFactory';

/** A list of `pageCount` pages of 100 items, counting the pages read. */
function fakeReader(pageCount: number) {
  const read = { pages: 0 };
  const reader = {
    async *pages() {
      for (let p = 0; p < pageCount; p++) {
        read.pages++;
        yield Array.from({ length: 100 }, (_, i) => ({ n: p * 100 + i }));
      }
    },
  } as unknown as ReliabilityApiReader;
  return { reader, read };
}

const factoryOf = (reader: ReliabilityApiReader) =>
  new ReliabilityCollatorFactory({
    type: 'test',
    reader,
    path: '/things',
    toDocument: ({ n }: { n: number }) => ({
      title: `thing ${n}`,
      text: '',
      location: `/things/${n}`,
    }),
  });

describe('ReliabilityCollatorFactory', () => {
  it('reads pages only as the indexer takes documents', async () => {
    const { reader, read } = fakeReader(1_000);
    const collator = await factoryOf(reader).getCollator();
    const taken: unknown[] = [];
    for await (const document of collator) {
      taken.push(document);
      if (taken.length === 150) {
        break;
      }
    }
    // 100,000 items exist: a collator that gathered them first would have
    // read every page before the first document came out.
    expect(read.pages).toBeLessThanOrEqual(3);
    expect(taken[149]).toMatchObject({ location: '/things/149' });
  });

  it('collates every item of every page', async () => {
    const { reader } = fakeReader(5);
    let count = 0;
    for await (const _ of await factoryOf(reader).getCollator()) {
      count++;
    }
    expect(count).toBe(500);
  });
});
