/**
 * Reliability Hub for Backstage, for apps on the new frontend system.
 *
 * @packageDocumentation
 */

export { default } from './alpha/plugin';
