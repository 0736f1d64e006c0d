export {
  EditScheduleButton,
  NewScheduleButtons,
} from './ScheduleEditorButtons';
