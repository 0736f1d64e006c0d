const INITIAL = 64;
/** Room kept between computations (a year of hourly turns fits). */
const KEEP = 16_384;

/**
 * Stretches of on-call time in typed arrays, one entry per piece: a year of
 * a schedule has thousands of pieces at every step of the math, and an
 * object per piece per step would keep the garbage collector busier than
 * the math itself.
 */
export class Pieces {
  start = new Float64Array(INITIAL);
  end = new Float64Array(INITIAL);
  /** Index of the person in the {@link People} of the computation. */
  who = new Int32Array(INITIAL);
  /** Layer index, or -1 for overrides. */
  layer = new Int32Array(INITIAL);
  length = 0;

  /** Empties the list, keeping its room. */
  clear(): this {
    this.length = 0;
    return this;
  }

  push(start: number, end: number, who: number, layer: number): void {
    const i = this.length;
    if (i === this.start.length) {
      this.grow();
    }
    this.start[i] = start;
    this.end[i] = end;
    this.who[i] = who;
    this.layer[i] = layer;
    this.length = i + 1;
  }

  /**
   * Appends a piece, or lengthens the last one when it ends where this one
   * starts and has the same person from the same layer.
   */
  join(start: number, end: number, who: number, layer: number): void {
    const last = this.length - 1;
    if (
      last >= 0 &&
      this.end[last] === start &&
      this.who[last] === who &&
      this.layer[last] === layer
    ) {
      this.end[last] = end;
    } else {
      this.push(start, end, who, layer);
    }
  }

  private grow() {
    const size = this.start.length * 2;
    const start = new Float64Array(size);
    const end = new Float64Array(size);
    const who = new Int32Array(size);
    const layer = new Int32Array(size);
    start.set(this.start);
    end.set(this.end);
    who.set(this.who);
    layer.set(this.layer);
    this.start = start;
    this.end = end;
    this.who = who;
    this.layer = layer;
  }

  /** Whether the list has grown beyond what is worth keeping between uses. */
  get oversized(): boolean {
    return this.start.length > KEEP;
  }
}

/**
 * Lists reused from one computation to the next (the math is synchronous,
 * so one set serves every caller), each emptied when handed out. A list
 * that grew beyond {@link KEEP} entries for a long range is dropped after
 * its computation, so that memory stays flat.
 */
export class PiecesPool {
  private readonly lists: Pieces[] = [];

  /** The `slot`-th list, empty. */
  get(slot: number): Pieces {
    let list = this.lists[slot];
    if (!list) {
      list = new Pieces();
      this.lists[slot] = list;
    }
    return list.clear();
  }

  /** Drops the lists that grew beyond what is kept between computations. */
  trim(): void {
    for (let i = 0; i < this.lists.length; i++) {
      if (this.lists[i]?.oversized) {
        this.lists[i] = new Pieces();
      }
    }
  }
}

/**
 * The people of one computation, each string once, so that pieces compare
 * people by index.
 */
export class People {
  readonly names: string[] = [];
  private readonly indices = new Map<string, number>();

  indexOf(name: string): number {
    let index = this.indices.get(name);
    if (index === undefined) {
      index = this.names.length;
      this.names.push(name);
      this.indices.set(name, index);
    }
    return index;
  }
}
