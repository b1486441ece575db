import { parseCsv } from './csv';
import type { NewItem } from './tag-job.repository';

/** The CSV's columns (header row; names as in the template, Chinese or English). */
const COLUMNS: Record<string, 'externalUserId' | 'phone' | 'remark' | 'userId' | 'tags'> = {
  external_userid: 'externalUserId',
  externaluserid: 'externalUserId',
  客户id: 'externalUserId',
  phone: 'phone',
  mobile: 'phone',
  手机号: 'phone',
  remark: 'remark',
  备注: 'remark',
  userid: 'userId',
  员工: 'userId',
  tags: 'tags',
  标签: 'tags',
};

/** Tags in one cell: separated by `;`, `；`, `|` or `、`; each `组名/标签名` or `标签名`. */
const TAG_SEPARATOR = /[;；|、]/;

export interface ImportLine {
  line: number;
  externalUserId?: string;
  phone?: string;
  remark?: string;
  userId?: string;
  tagNames: string[];
}

export interface ParsedCsv {
  lines: ImportLine[];
  /** A header problem (no tags column, no customer column), or null. */
  problem: string | null;
}

export function parseImportCsv(text: string): ParsedCsv {
  const rows = parseCsv(text);
  const header = (rows[0] ?? []).map((h) => COLUMNS[h.trim().toLowerCase()] ?? null);
  if (!header.includes('tags')) return { lines: [], problem: '表头缺少「标签」(tags) 列' };
  if (!header.some((h) => h === 'externalUserId' || h === 'phone' || h === 'remark'))
    return {
      lines: [],
      problem: '表头至少要有一列用来找客户：external_userid、手机号 (phone) 或备注 (remark)',
    };
  const lines: ImportLine[] = [];
  rows.slice(1).forEach((cells, i) => {
    if (!cells.some((c) => c.trim())) return;
    const line: ImportLine = { line: i + 2, tagNames: [] };
    header.forEach((col, j) => {
      const v = (cells[j] ?? '').trim();
      if (!col || !v) return;
      if (col === 'tags')
        line.tagNames = v
          .split(TAG_SEPARATOR)
          .map((t) => t.trim())
          .filter(Boolean);
      else line[col] = v;
    });
    lines.push(line);
  });
  return { lines, problem: null };
}

export interface TagName {
  tagId: string;
  name: string;
  groupName: string;
}

/** `组名/标签名` exactly, or a tag name that only one group has. */
export function resolveTagName(
  name: string,
  tags: TagName[],
): { tagId: string } | { problem: 'unknown' | 'ambiguous'; groups?: string[] } {
  const slash = name.indexOf('/');
  if (slash > 0) {
    const group = name.slice(0, slash).trim();
    const tag = name.slice(slash + 1).trim();
    const hit = tags.find((t) => t.groupName === group && t.name === tag);
    if (hit) return { tagId: hit.tagId };
  }
  const hits = tags.filter((t) => t.name === name);
  if (hits.length === 1) return { tagId: hits[0].tagId };
  if (hits.length > 1) return { problem: 'ambiguous', groups: hits.map((h) => h.groupName) };
  return { problem: 'unknown' };
}

export interface Relation {
  externalUserId: string;
  userId: string;
}

export interface ImportReport {
  fileName: string;
  lines: number;
  /** Lines with a customer found and at least one known tag. */
  matchedLines: number;
  /** Relations (staff × customer) that will be marked. */
  relations: number;
  unknownTags: Array<{ line: number; name: string; reason: string }>;
  unknownCustomers: Array<{ line: number; key: string }>;
}

/**
 * What an import would do: per line, the customer's relations (restricted to `userid` when the
 * line names one) and the known tags; the rest is reported. Pure: the lookups come in.
 */
export function planImport(
  fileName: string,
  lines: ImportLine[],
  tags: TagName[],
  relationsOf: (line: ImportLine) => Relation[],
): { report: ImportReport; items: NewItem[] } {
  const report: ImportReport = {
    fileName,
    lines: lines.length,
    matchedLines: 0,
    relations: 0,
    unknownTags: [],
    unknownCustomers: [],
  };
  const items: NewItem[] = [];
  for (const line of lines) {
    const tagIds: string[] = [];
    for (const name of line.tagNames) {
      const r = resolveTagName(name, tags);
      if ('tagId' in r) tagIds.push(r.tagId);
      else
        report.unknownTags.push({
          line: line.line,
          name,
          reason:
            r.problem === 'ambiguous'
              ? `多个标签组都有这个标签（${r.groups!.join('、')}），请写成「组名/标签名」`
              : '标签库中没有这个标签',
        });
    }
    const relations = relationsOf(line).filter((r) => !line.userId || r.userId === line.userId);
    if (!relations.length) {
      report.unknownCustomers.push({
        line: line.line,
        key: line.externalUserId ?? line.phone ?? line.remark ?? '',
      });
      continue;
    }
    if (!tagIds.length) continue;
    report.matchedLines++;
    report.relations += relations.length;
    for (const r of relations)
      items.push({
        ...r,
        addTagIds: [...new Set(tagIds)],
        evidence: { file: fileName, line: line.line },
      });
  }
  return { report, items };
}
