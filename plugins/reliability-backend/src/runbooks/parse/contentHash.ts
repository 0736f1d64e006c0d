import { createHash } from 'node:crypto';

/**
 * The sha256 (hex) of a runbook file's text, stored with the index so that
 * unchanged files are not parsed again.
 *
 * @internal
 */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
