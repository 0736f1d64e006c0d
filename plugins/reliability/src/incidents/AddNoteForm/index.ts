export { AddNoteForm } from './AddNoteForm';
