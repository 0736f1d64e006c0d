import {
  OnCallNow,
  ScheduleOnCall,
} from '@reliability-hub/plugin-reliability-common';
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw } from 'node:zlib';

const deflate = promisify(deflateRaw);

/** The JSON of an answer's schedules, and that JSON compressed. */
interface Serialised {
  /** `{"schedules":[…]` */
  json: Buffer;
  /**
   * Its gzip header and deflate blocks, flushed to a byte boundary, and
   * its CRC-32; compressed off the event loop, once.
   */
  gzip?: Promise<{ head: Buffer; crc: number }>;
}

/**
 * The JSON of answers' schedules, by the answer's list: the answer for
 * every schedule (and each view of it for callers who see less) is shared
 * until its next hand-off, and its ~0.5 KB per schedule would otherwise be
 * serialised, and compressed for browsers, again for every request.
 */
const serialised = new WeakMap<readonly ScheduleOnCall[], Serialised>();

/** A gzip member's header: deflate, no name, no time, unknown system. */
const GZIP_HEADER = Buffer.from([
  0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff,
]);

/** The most a stored deflate block holds. */
const MAX_STORED = 0xffff;

/**
 * `GET /oncall`'s answer as JSON, in parts to write in order: the
 * schedules, serialised once, then what is this request's own (the instant,
 * the problems). With `gzip`, compressed as one gzip member whose schedules
 * are compressed once too, and this request's part stored after them.
 *
 * @internal
 */
export async function onCallBody(
  answer: OnCallNow,
  options: { gzip: boolean },
): Promise<{ parts: Buffer[]; encoding?: 'gzip' }> {
  const { at, schedules, problems, ...rest } = answer;
  if (Object.keys(rest).length) {
    // Nothing else is answered today; should something be, it is not lost.
    return { parts: [Buffer.from(JSON.stringify(answer))] };
  }
  let known = serialised.get(schedules);
  if (!known) {
    known = { json: Buffer.from(`{"schedules":${JSON.stringify(schedules)}`) };
    serialised.set(schedules, known);
  }
  const own = Buffer.from(
    `,"at":${JSON.stringify(at)}${
      problems !== undefined ? `,"problems":${JSON.stringify(problems)}` : ''
    }}`,
  );
  if (!options.gzip || own.length > MAX_STORED) {
    return { parts: [known.json, own] };
  }
  const entry = known;
  const { json } = entry;
  if (!entry.gzip) {
    entry.gzip = deflate(json, { finishFlush: constants.Z_SYNC_FLUSH }).then(
      deflated => ({
        head: Buffer.concat([GZIP_HEADER, deflated]),
        crc: crc32(json),
      }),
    );
    // A failure is not remembered: the next request compresses again.
    entry.gzip.catch(() => {
      entry.gzip = undefined;
    });
  }
  const { head, crc } = await entry.gzip;
  // The last block: stored, final (RFC 1951 3.2.4), then the member's
  // CRC-32 and length of everything (RFC 1952 2.3.1).
  const block = Buffer.alloc(5);
  block[0] = 0x01;
  block.writeUInt16LE(own.length, 1);
  block.writeUInt16LE(~own.length & 0xffff, 3);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(own, crc) >>> 0, 0);
  trailer.writeUInt32LE((json.length + own.length) % 2 ** 32, 4);
  return { parts: [head, block, own, trailer], encoding: 'gzip' };
}
