import { createHash } from 'node:crypto';

/**
 * A stable UUID (version 5 layout) for a demo record, so seeding twice finds
 * the records of the first run instead of adding copies.
 *
 * @internal
 */
export function demoId(key: string): string {
  const hex = createHash('sha1')
    .update(`reliability-hub-demo:${key}`)
    .digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
