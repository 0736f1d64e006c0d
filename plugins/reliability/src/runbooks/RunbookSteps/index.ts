export { RunbookSteps, stepAnchor } from './RunbookSteps';
