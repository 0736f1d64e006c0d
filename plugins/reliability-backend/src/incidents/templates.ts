import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_INCIDENT_TEMPLATES,
  INCIDENT_TEMPLATE_NAMES,
  IncidentTemplateName,
  unknownTemplatePlaceholders,
} from '@reliability-hub/plugin-reliability-common';

const KEY = 'reliability.incidents.templates';

/**
 * The communication templates: the defaults, each replaced by
 * `reliability.incidents.templates.<name>` when set.
 *
 * @throws InputError naming the key of an unknown template or placeholder,
 *   so that a typo stops the backend at start rather than reaching people
 * @internal
 */
export function readIncidentTemplates(
  config: Config,
): Record<IncidentTemplateName, string> {
  const templates = { ...DEFAULT_INCIDENT_TEMPLATES };
  const configured = config.getOptionalConfig(KEY);
  for (const name of configured?.keys() ?? []) {
    if (!(INCIDENT_TEMPLATE_NAMES as readonly string[]).includes(name)) {
      throw new InputError(
        `Unknown template at ${KEY}.${name}; expected one of ${INCIDENT_TEMPLATE_NAMES.join(
          ', ',
        )}`,
      );
    }
    const template = configured!.getString(name);
    const unknown = unknownTemplatePlaceholders(template);
    if (unknown.length) {
      throw new InputError(
        `Unknown placeholder at ${KEY}.${name}: {{${unknown[0]}}}`,
      );
    }
    templates[name as IncidentTemplateName] = template;
  }
  return templates;
}
