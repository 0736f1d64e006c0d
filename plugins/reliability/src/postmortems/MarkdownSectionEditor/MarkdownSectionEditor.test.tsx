import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { MarkdownSectionEditor } from './MarkdownSectionEditor';

const HOSTILE = [
  '## Root cause',
  '',
  'The **pool** was too small.',
  '',
  '<script>window.pwned = true</script>',
  '',
  '[click me](javascript:window.pwned=true)',
  '',
  '<a href="javascript:window.pwned=true">raw link</a>',
  '',
  '<img src="x" onerror="window.pwned=true" alt="broken">',
].join('\n');

function Editor(props: { initial: string }) {
  const [value, setValue] = useState(props.initial);
  return (
    <MarkdownSectionEditor
      id="section-root-cause"
      title="Root cause"
      value={value}
      onChange={setValue}
    />
  );
}

describe('<MarkdownSectionEditor />', () => {
  afterEach(() => {
    delete (window as { pwned?: boolean }).pwned;
  });

  it('previews the Markdown as it is typed', async () => {
    await renderInTestApp(<Editor initial="" />);
    expect(screen.getByText('Nothing written yet.')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Root cause'), 'It was **DNS**');

    expect(screen.getByText('DNS').tagName).toBe('STRONG');
    expect(screen.queryByText('Nothing written yet.')).not.toBeInTheDocument();
  });

  it('renders scripts, javascript: links and event handlers inert', async () => {
    const { container } = await renderInTestApp(<Editor initial={HOSTILE} />);

    // The Markdown itself is rendered…
    expect(
      screen.getByRole('heading', { name: 'Root cause' }),
    ).toBeInTheDocument();
    expect(screen.getByText('pool').tagName).toBe('STRONG');
    // …but nothing that could run.
    expect(container.querySelector('script')).toBeNull();
    for (const link of Array.from(container.querySelectorAll('a'))) {
      expect(link.getAttribute('href') ?? '').not.toMatch(/^\s*javascript:/i);
    }
    expect(container.querySelector('[onerror]')).toBeNull();
    expect((window as { pwned?: boolean }).pwned).toBeUndefined();
  });
});
