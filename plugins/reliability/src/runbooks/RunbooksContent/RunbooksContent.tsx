import { ContentHeader, SupportButton } from '@backstage/core-components';
import { Route, Routes, useParams } from 'react-router-dom';
import { RunbookLibrary } from '../RunbookLibrary';
import { RunbookPage } from '../RunbookPage';

function RunbookRoute() {
  // The id holds slashes; it arrives URL-encoded as one path segment.
  const { runbookId = '' } = useParams();
  return <RunbookPage runbookId={runbookId} />;
}

function Library() {
  return (
    <>
      <ContentHeader title="Runbook library">
        <SupportButton>
          Every runbook of every entity: structured runbooks read from the files
          named by the reliability-hub.io/runbooks annotation, and metadata
          links of type runbook. Runbooks whose review date has passed are
          marked as overdue.
        </SupportButton>
      </ContentHeader>
      <RunbookLibrary />
    </>
  );
}

/**
 * The Runbooks tab of the reliability page: the library, and below it at
 * `./<URL-encoded id>` each runbook's page.
 *
 * @internal
 */
export function RunbooksContent() {
  return (
    <Routes>
      <Route path="/" element={<Library />} />
      <Route path="/:runbookId" element={<RunbookRoute />} />
    </Routes>
  );
}
