export { Handoffs } from './Handoffs';
export { HandoffNoteText } from './HandoffNoteText';
export { noteKey, useHandoffNotes } from './useHandoffNotes';
