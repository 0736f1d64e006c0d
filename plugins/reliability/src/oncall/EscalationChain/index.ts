export { EscalationChain } from './EscalationChain';
