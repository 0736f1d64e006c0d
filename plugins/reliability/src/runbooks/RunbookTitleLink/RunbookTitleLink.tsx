import { Link } from '@backstage/core-components';
import { RunbookRecord } from '@reliability-hub/plugin-reliability-common';
import { useRunbookLinks } from '../links';

/** Only web addresses become links; anything else stays text. */
function isWebUrl(url: string | undefined): url is string {
  return Boolean(url && /^https?:\/\//i.test(url));
}

/**
 * A runbook's title as a link: structured runbooks open their page in the
 * portal, link-only runbooks open where they live (a new window, with the
 * external-link icon).
 *
 * @internal
 */
export function RunbookTitleLink(props: {
  runbook: Pick<RunbookRecord, 'id' | 'kind' | 'title' | 'url'>;
}) {
  const { runbook } = props;
  const links = useRunbookLinks();
  if (runbook.kind === 'link') {
    if (!isWebUrl(runbook.url)) {
      return <>{runbook.title}</>;
    }
    return (
      <Link to={runbook.url} externalLinkIcon>
        {runbook.title}
      </Link>
    );
  }
  return <Link to={links.runbook(runbook.id)}>{runbook.title}</Link>;
}
