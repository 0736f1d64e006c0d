import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../routes';

/** Path of the On-call tab below the reliability page. */
export const ONCALL_TAB_PATH = 'oncall';

/**
 * Where the On-call tab of the reliability page is; `/reliability/oncall`
 * when the page is not mounted (tests, slim apps).
 */
export function useOnCallPageLink(): string {
  try {
    return `${useRouteRef(rootRouteRef)()}/${ONCALL_TAB_PATH}`;
  } catch {
    return `/reliability/${ONCALL_TAB_PATH}`;
  }
}
