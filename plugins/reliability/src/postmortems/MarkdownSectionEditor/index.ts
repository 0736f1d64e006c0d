export { MarkdownSectionEditor } from './MarkdownSectionEditor';
