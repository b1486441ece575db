/**
 * CSV for Excel: a UTF-8 byte order mark first (Excel reads UTF-8 only with it), CRLF line ends,
 * fields quoted when they hold a comma, quote or line break, and a leading `'` on a value that
 * starts like a formula (= + - @, tab, CR), so a customer's name never runs in a spreadsheet.
 */
export const UTF8_BOM = '\uFEFF';

export function csvField(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (fields: Array<string | number | null | undefined>): string =>
  `${fields.map(csvField).join(',')}\r\n`;
