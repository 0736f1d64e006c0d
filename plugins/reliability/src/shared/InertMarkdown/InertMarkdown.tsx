import { MarkdownContent } from '@backstage/core-components';

/**
 * The image address to load, or an empty one (nothing is loaded) when the
 * image lives on another origin. Postmortems and runbooks are written by
 * many people; an image from elsewhere would tell that server who reads them
 * and when (a tracking pixel), so only the portal's own images are shown.
 *
 * @internal
 */
export function sameOriginImageUri(
  src: string,
  origin: string = window.location.origin,
): string {
  try {
    return new URL(src, origin).origin === origin ? src : '';
  } catch {
    return '';
  }
}

/**
 * Markdown written by users, rendered inert: `MarkdownContent` sanitizes the
 * HTML (no scripts, event handlers, frames or `javascript:` links) and
 * images from other origins are not loaded.
 *
 * @internal
 */
export function InertMarkdown(props: { content: string }) {
  return (
    <MarkdownContent
      content={props.content}
      transformImageUri={src => sameOriginImageUri(src)}
    />
  );
}
