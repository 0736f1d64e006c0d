import {
  ActionItemStatus,
  ActionItemType,
  PostmortemStatus,
} from '@reliability-hub/plugin-reliability-common';

/** How postmortem statuses read on screen. */
export const POSTMORTEM_STATUS_LABELS: Record<PostmortemStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  published: 'Published',
};

/** How action item statuses read on screen. */
export const ACTION_ITEM_STATUS_LABELS: Record<ActionItemStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  wont_do: "Won't do",
};

/** How action item types read on screen. */
export const ACTION_ITEM_TYPE_LABELS: Record<ActionItemType, string> = {
  detect: 'Detect',
  mitigate: 'Mitigate',
  prevent: 'Prevent',
  process: 'Process',
};
