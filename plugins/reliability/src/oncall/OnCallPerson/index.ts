export { OnCallPerson } from './OnCallPerson';
