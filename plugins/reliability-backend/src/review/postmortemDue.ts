/**
 * Hours from an incident's resolution to its postmortem's due date, by
 * severity; a severity not listed needs no postmortem. The SOP's defaults
 * (SEV1 within 48 h, SEV2 within 5 days) until the severity policy is
 * configuration; a review asks only this map.
 *
 * @internal
 */
export type PostmortemDueHours = Readonly<Record<string, number>>;

/**
 * The SOP's postmortem due times.
 *
 * @internal
 */
export const DEFAULT_POSTMORTEM_DUE_HOURS: PostmortemDueHours = {
  SEV1: 48,
  SEV2: 5 * 24,
};
