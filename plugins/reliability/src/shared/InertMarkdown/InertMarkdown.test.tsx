import { renderInTestApp } from '@backstage/test-utils';
import { InertMarkdown, sameOriginImageUri } from './InertMarkdown';

describe('sameOriginImageUri', () => {
  const origin = 'https://portal.example.com';
  it.each([
    ['/static/diagram.png', '/static/diagram.png'],
    ['diagram.png', 'diagram.png'],
    [`${origin}/static/diagram.png`, `${origin}/static/diagram.png`],
    ['https://evil.example.com/pixel.png', ''],
    ['//evil.example.com/pixel.png', ''],
    ['http://portal.example.com/static/diagram.png', ''],
    [`${'java'}script:alert(1)`, ''],
    ['data:image/svg+xml,<svg onload="alert(1)"/>', ''],
  ])('%s → %j', (src, expected) => {
    expect(sameOriginImageUri(src, origin)).toBe(expected);
  });
});

describe('InertMarkdown', () => {
  it('renders Markdown without live HTML and loads no image from elsewhere', async () => {
    const { container, getByText } = await renderInTestApp(
      <InertMarkdown
        content={[
          'Root cause: **pool exhaustion**.',
          '',
          '<script>window.__ran = true</script>',
          '',
          '<img src="https://evil.example.com/pixel.png" onerror="alert(1)">',
          '',
          '![chart](https://evil.example.com/chart.png) ![local](/static/local.png)',
          '',
          '[dashboard](javascript:alert(1))',
        ].join('\n')}
      />,
    );
    expect(getByText('pool exhaustion').tagName).toBe('STRONG');
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    const sources = Array.from(container.querySelectorAll('img')).map(img =>
      img.getAttribute('src'),
    );
    expect(sources.filter(src => src && /evil\.example/.test(src))).toEqual([]);
    expect(sources).toContain('/static/local.png');
    expect(container.querySelector('a[href^="javascript:" i]')).toBeNull();
  });
});
