import {
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { RequestHandler } from 'express';

/** A random URL-safe secret: 24 bytes, 32 characters. */
export function newFeedToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * What is stored of a feed token: its SHA-256 (hex). The token is 24 random
 * bytes, so a plain hash is enough; whoever reads the database cannot open
 * anyone's feed.
 *
 * @internal
 */
export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when `token` is the one `storedHash` was made of; constant time. */
export function feedTokenMatches(
  storedHash: string | undefined,
  token: string,
): boolean {
  if (!storedHash) {
    return false;
  }
  const expected = Buffer.from(storedHash, 'hex');
  const actual = createHash('sha256').update(token, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * The secret of a feed: an HMAC of the feed's kind, subject and current nonce
 * under the feed key, 32 URL-safe characters. The database holds only the
 * nonce, so showing the address again never changes it, and a new nonce
 * (rotation) makes a new secret.
 *
 * @internal
 */
export function deriveFeedToken(
  key: string,
  feed: { kind: 'schedule' | 'user'; subject: string; nonce: string },
): string {
  return createHmac('sha256', key)
    .update(`${feed.kind}\n${feed.subject}\n${feed.nonce}`, 'utf8')
    .digest()
    .subarray(0, 24)
    .toString('base64url');
}

/** True when `token` is the derived secret `expected`; constant time. */
export function derivedTokenMatches(expected: string, token: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Takes the query (where the feed's secret is) out of the URL that the
 * backend's request log writes, which reads `req.originalUrl` when the
 * response finishes. The query is dropped whole: a token can be spelled in
 * more than one way (`%74oken=`).
 *
 * @internal
 */
export const redactFeedToken: RequestHandler = (req, _res, next) => {
  const query = req.originalUrl.indexOf('?');
  if (query >= 0) {
    req.originalUrl = `${req.originalUrl.slice(0, query)}?token=<redacted>`;
  }
  next();
};
