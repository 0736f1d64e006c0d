export { RereadFilesButton } from './RereadFilesButton';
