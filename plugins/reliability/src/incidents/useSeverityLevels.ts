import { useApi } from '@backstage/core-plugin-api';
import {
  DEFAULT_SEVERITY_LEVELS,
  SeverityLevel,
} from '@reliability-hub/plugin-reliability-common';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../api';

/**
 * The configured severity levels, most severe first. Until the backend
 * answers (or if it cannot), the default levels stand in, so a form or a
 * filter is never without choices.
 */
export function useSeverityLevels(): {
  levels: SeverityLevel[];
  loading: boolean;
} {
  const api = useApi(reliabilityApiRef);
  const { value, loading } = useAsync(
    async () => api.getSeverityLevels(),
    [api],
  );
  return {
    levels: value && value.length > 0 ? value : DEFAULT_SEVERITY_LEVELS,
    loading,
  };
}
