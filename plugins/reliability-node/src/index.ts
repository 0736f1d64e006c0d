/**
 * Extension points of the Reliability Hub backend, for adopters who add their
 * own SLI sources.
 *
 * @packageDocumentation
 */

export * from './sli';
export * from './promql';
