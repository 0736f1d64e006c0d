export { CalendarFeedDialog, webcalUrl } from './CalendarFeedDialog';
