/**
 * CSV as the exports write it: CRLF line ends, fields quoted when needed,
 * and a leading formula character defused so that a spreadsheet shows text
 * from the records as text instead of running it.
 */

/** A CSV field, quoted when needed; a leading formula character is defused. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Lines of fields as CSV text, ending with a line end. */
export function csvText(lines: string[][]): string {
  return `${lines.map(line => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}
