import {
  Page,
  Postmortem,
  PostmortemRevision,
  PostmortemStatus,
  updatePostmortemRequestSchema,
} from '@reliability-hub/plugin-reliability-common';
import { z } from 'zod';
import { EntityFilter } from '../database/entityFilter';
import { VersionedChange } from '../database/versionedRecords';
import { PageRequest } from '../database/keysetPage';

/**
 * Fields of a postmortem that can be written: those of a change request but
 * its incidents, and when it was published.
 *
 * @internal
 */
export type PostmortemFields = Omit<
  z.output<typeof updatePostmortemRequestSchema>,
  'version' | 'incidentIds'
> & {
  publishedAt?: Date | null;
  approvedBy?: string | null;
  approvedAt?: Date | null;
};

/**
 * A new postmortem.
 *
 * @internal
 */
export type NewPostmortem = PostmortemFields & {
  /** Generated when absent. */
  id?: string;
  entityRef: string;
  title: string;
  author: string;
  incidentIds: string[];
};

/**
 * Which postmortems to list.
 *
 * @internal
 */
export interface PostmortemFilter extends EntityFilter {
  status?: PostmortemStatus;
  /** Only postmortems this user (entity ref, lower-cased) writes. */
  author?: string;
  /** Only postmortems that name any of these users or groups among their reviewers. */
  reviewers?: string[];
}

/**
 * Storage of postmortems.
 *
 * @internal
 */
export interface PostmortemStore {
  createPostmortem(
    postmortem: NewPostmortem,
    actor: string,
  ): Promise<Postmortem>;
  getPostmortem(id: string): Promise<Postmortem | undefined>;
  listPostmortems(
    filter: PostmortemFilter,
    page: PageRequest,
  ): Promise<Page<Postmortem>>;
  /** The distinct entities that have postmortems matching the filter. */
  listEntityRefs(filter: PostmortemFilter): Promise<string[]>;
  /** Optimistic: NotFoundError, or ConflictError when not at `expectedVersion`. */
  updatePostmortem(
    id: string,
    options: VersionedChange<PostmortemFields> & {
      incidentIds?: string[];
      /** The change history's action when not `postmortem.update`. */
      action?: string;
    },
  ): Promise<Postmortem>;
  /**
   * Deletes a draft with its action items if it is still at
   * `expectedVersion`; answers it as it was. NotFoundError, or ConflictError
   * when stale or no longer a draft.
   */
  discardPostmortem(
    id: string,
    options: { expectedVersion: number; actor: string },
  ): Promise<Postmortem>;
  /** Its revisions, newest first, the latest 100. */
  listRevisions(id: string): Promise<PostmortemRevision[]>;
}
