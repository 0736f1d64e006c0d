import { batchExpr } from './promql';

describe('batchExpr', () => {
  it('labels every branch of a batch with its index, in a balanced tree of or', () => {
    expect(batchExpr(['sum(a)', 'sum(b)'])).toBe(
      'label_replace(sum(a), "__rh_key", "0", "", "") or label_replace(sum(b), "__rh_key", "1", "", "")',
    );
    const branch = (name: string, index: number) =>
      `label_replace(${name}, "__rh_key", "${index}", "", "")`;
    expect(batchExpr(['a', 'b', 'c', 'd', 'e'])).toBe(
      `((${branch('a', 0)} or ${branch('b', 1)}) or ${branch('c', 2)}) or ` +
        `(${branch('d', 3)} or ${branch('e', 4)})`,
    );
  });
});
