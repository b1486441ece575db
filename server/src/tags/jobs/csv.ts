/**
 * A small RFC 4180 reader: commas, double-quoted fields (with "" inside), CRLF or LF, a UTF-8
 * BOM. Returns rows of fields; blank lines are kept as `[]` so line numbers stay true.
 */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let touched = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
      continue;
    }
    if (c === '"') {
      quoted = true;
      touched = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
      touched = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      if (touched || field) row.push(field);
      rows.push(row);
      row = [];
      field = '';
      touched = false;
    } else {
      field += c;
      touched = true;
    }
  }
  if (touched || field) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
