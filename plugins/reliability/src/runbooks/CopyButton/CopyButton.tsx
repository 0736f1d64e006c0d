import Button from '@material-ui/core/Button';
import CheckIcon from '@material-ui/icons/Check';
import FileCopyOutlinedIcon from '@material-ui/icons/FileCopyOutlined';
import { useEffect, useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

const LABELS: Record<CopyState, string> = {
  idle: 'Copy',
  copied: 'Copied',
  failed: 'Copy failed',
};

/**
 * Copies `text` to the clipboard (the button reads `label`, by default
 * "Copy") and says "Copied" for two seconds (or
 * "Copy failed" when the browser refuses).
 *
 * @internal
 */
export function CopyButton(props: { text: string; label?: string }) {
  const { text, label = LABELS.idle } = props;
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    let next: CopyState = 'copied';
    try {
      await window.navigator.clipboard.writeText(text);
    } catch {
      next = 'failed';
    }
    setState(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 2000);
  };

  return (
    <Button
      size="small"
      variant="outlined"
      onClick={copy}
      startIcon={
        state === 'copied' ? (
          <CheckIcon fontSize="small" />
        ) : (
          <FileCopyOutlinedIcon fontSize="small" />
        )
      }
    >
      <span aria-live="polite">{state === 'idle' ? label : LABELS[state]}</span>
    </Button>
  );
}
