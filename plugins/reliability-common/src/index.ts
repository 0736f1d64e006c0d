/**
 * Types, permissions and pure functions shared by the Reliability Hub plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './actionItems';
export * from './requestFields';
export * from './markdownText';
export * from './pagePaths';
export * from './searchTypes';
export * from './incidents';
export * from './permissions';
export * from './summary';
export * from './postmortems';
export * from './oncall';
export * from './slo';
export * from './runbooks';
export * from './review';
export * from './deployGate';
export * from './timeline';
