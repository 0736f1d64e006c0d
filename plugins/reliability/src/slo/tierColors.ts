/**
 * Colours of the error-budget policy tiers by index, from "spend freely" to
 * "exhausted"; policies with more tiers reuse the last colour.
 */
const TIER_COLORS = [
  '#2e7d32',
  '#7cb342',
  '#f9a825',
  '#ef6c00',
  '#d32f2f',
  '#7f0000',
];

/** The colour of the policy tier at `index` (0 = most budget left). */
export function tierColor(index: number | null | undefined): string {
  if (index === null || index === undefined || index < 0) {
    return '#9e9e9e';
  }
  return TIER_COLORS[Math.min(index, TIER_COLORS.length - 1)];
}
