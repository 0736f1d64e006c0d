import { People, Pieces, PiecesPool } from './pieces';

const rows = (pieces: Pieces) =>
  Array.from({ length: pieces.length }, (_, i) => [
    pieces.start[i],
    pieces.end[i],
    pieces.who[i],
    pieces.layer[i],
  ]);

describe('Pieces', () => {
  it('joins a piece to the last one only when it touches it, with the same person and layer', () => {
    const pieces = new Pieces();
    pieces.join(0, 10, 1, 0);
    pieces.join(10, 20, 1, 0); // touches, same: joined
    pieces.join(20, 30, 2, 0); // another person
    pieces.join(30, 40, 2, 1); // another layer
    pieces.join(45, 50, 2, 1); // a gap
    expect(rows(pieces)).toEqual([
      [0, 20, 1, 0],
      [20, 30, 2, 0],
      [30, 40, 2, 1],
      [45, 50, 2, 1],
    ]);
  });

  it('grows as pieces come, keeping them', () => {
    const pieces = new Pieces();
    for (let i = 0; i < 1_000; i++) {
      pieces.push(i * 2, i * 2 + 1, i, -1);
    }
    expect(pieces.length).toBe(1_000);
    expect(rows(pieces)[999]).toEqual([1_998, 1_999, 999, -1]);
  });
});

describe('PiecesPool', () => {
  it('hands out its lists empty', () => {
    const pool = new PiecesPool();
    pool.get(0).push(1, 2, 0, 0);
    expect(pool.get(0).length).toBe(0);
  });

  it('lets go of the room a long range needed, so that memory stays flat', () => {
    const pool = new PiecesPool();
    const small = pool.get(0);
    small.push(1, 2, 0, 0);
    const big = pool.get(1);
    for (let i = 0; i < 100_000; i++) {
      big.push(i, i + 1, 0, 0);
    }
    pool.trim();
    expect(pool.get(0)).toBe(small);
    expect(pool.get(1)).not.toBe(big);
    expect(pool.get(1).start.length).toBeLessThan(1_000);
  });
});

describe('People', () => {
  it('gives each name one index', () => {
    const people = new People();
    expect(['a', 'b', 'a', 'c', 'b'].map(n => people.indexOf(n))).toEqual([
      0, 1, 0, 2, 1,
    ]);
    expect(people.names).toEqual(['a', 'b', 'c']);
  });
});
