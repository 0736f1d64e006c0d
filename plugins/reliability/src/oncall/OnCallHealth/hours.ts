/** Hours as people read them: "12 h", "7.5 h". */
export function hoursText(hours: number): string {
  return `${Math.round(hours * 10) / 10} h`;
}

/** A part of a whole as a rounded percentage, "42 %"; empty without a whole. */
export function shareText(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)} %` : '';
}
