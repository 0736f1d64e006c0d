export {
  ScheduleProblem,
  UnresolvedSchedules,
  scheduleProblem,
} from './OnCallProblems';
