/**
 * One owner per table (docs/architecture.md): only the owning module's code that touches the
 * database (its `*.repository.ts`, or any file importing TypeORM) names the table in SQL, and no
 * such file imports another module's entities or repositories. Other modules call the owner's
 * service. `checkOwnership` walks a source tree (server/src, or a fixture tree in a test).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Table → owning module (the folder under src/). A new table gets its line here. */
export const TABLE_OWNERS: Readonly<Record<string, string>> = {
  corp: 'corps',
  admin_user: 'admin',
  admin_user_corp: 'admin',
  staff_console_role: 'admin',
  callback_event: 'callbacks',
  department: 'staff',
  staff: 'staff',
  customer: 'customers',
  follow_relation: 'customers',
  customer_timeline: 'customers',
  customer_count: 'customers',
  tag_group: 'tags',
  tag: 'tags',
  customer_tag: 'tags',
  customer_tag_removal: 'tags',
  tag_push: 'tags',
  tag_job: 'tags',
  tag_job_item: 'tags',
  group_chat: 'groups',
  group_member: 'groups',
  sync_run: 'sync',
  channel: 'channels',
  channel_staff_day: 'channels',
  channel_add: 'channels',
  follow_up: 'follow-ups',
  transfer: 'transfers',
  transfer_item: 'transfers',
  transfer_batch: 'transfers',
  transfer_audit: 'transfers',
  transfer_departure: 'transfers',
  transfer_unassigned: 'transfers',
  media_asset: 'media',
  broadcast: 'broadcasts',
  broadcast_task: 'broadcasts',
  broadcast_recipient: 'broadcasts',
  broadcast_setting: 'broadcasts',
  moment: 'moments',
  moment_staff: 'moments',
  moment_customer: 'moments',
  moment_interaction: 'moments',
  audience_segment: 'audience',
  audience_export: 'audience',
  chat_message: 'chat-archive',
  chat_archive_setting: 'chat-archive',
  chat_archive_pass: 'chat-archive',
  chat_tag_rule: 'chat-rules',
  chat_tag_rule_mark: 'chat-rules',
  quick_reply_folder: 'quick-replies',
  quick_reply_item: 'quick-replies',
  quick_reply_setting: 'quick-replies',
  // TypeORM's own bookkeeping of the migrations that ran
  migrations: 'database',
};

/**
 * Declared read-only access by a module that is not the owner: the module may name these tables
 * after FROM or JOIN (never INTO, UPDATE or TABLE). Only for a module whose job is one query
 * across several owners' tables that a chain of service calls cannot answer at its scale: the
 * audience filter (one SQL over customers, relations, marks, staff and groups for a million
 * customers, docs/audience.md). Writes still go through the owner's service.
 */
export const TABLE_READERS: Readonly<Record<string, readonly string[]>> = {
  audience: [
    'customer',
    'follow_relation',
    'customer_tag',
    'tag',
    'tag_group',
    'staff',
    'department',
    'group_chat',
    'group_member',
    'customer_count',
  ],
};

export interface Violation {
  file: string;
  line: number;
  message: string;
}

/** SQL keywords after which a table name follows. */
const TABLE_REF = /\b(FROM|JOIN|INTO|UPDATE|TABLE)\s+`?([A-Za-z_][A-Za-z0-9_]*)`?/gi;
/**
 * A table name on its own in a string (`'follow_relation'`: SQL built from a list of tables).
 * Only names with an underscore: one-word ones (`'tag'`, `'channel'`) are also enum values.
 */
const QUOTED = /['"`]([a-z][a-z0-9]*_[a-z0-9_]*)['"`]/g;
/** Imports of a module's entities or repositories: `../<module>/entities/…`, `…/x.repository`. */
const IMPORT = /from\s+['"]([^'"]+)['"]/g;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules') walk(path, out);
    } else if (name.endsWith('.ts') && !/\.(spec|integration-spec|e2e-spec)\.ts$/.test(name)) {
      out.push(path);
    }
  }
  return out;
}

/** Comments out, string contents kept (the SQL is in strings). */
function stripComments(src: string): string {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/^\s*\/\/.*$/gm, (m) => ' '.repeat(m.length));
}

const lineOf = (src: string, index: number) => src.slice(0, index).split('\n').length;

/** The module a path under `root` belongs to (its first folder). */
function moduleOf(root: string, path: string): string | null {
  const parts = relative(root, path).split(sep);
  return parts.length > 1 ? parts[0] : null;
}

/** Every ownership violation under `root` (a `src` folder: one sub-folder per module). */
export function checkOwnership(
  root: string,
  owners: Readonly<Record<string, string>> = TABLE_OWNERS,
  readers: Readonly<Record<string, readonly string[]>> = TABLE_READERS,
): Violation[] {
  const violations: Violation[] = [];
  for (const file of walk(root)) {
    const mod = moduleOf(root, file);
    if (!mod) continue;
    const raw = readFileSync(file, 'utf8');
    const touchesDb =
      file.endsWith('.repository.ts') || /from\s+['"](typeorm|@nestjs\/typeorm)['"]/.test(raw);
    if (!touchesDb) continue;
    const src = stripComments(raw);
    const rel = relative(root, file);
    const seen = new Set<string>();
    const refs = [
      ...[...src.matchAll(TABLE_REF)].map((m) => ({ keyword: m[1].toUpperCase(), table: m[2], m })),
      ...[...src.matchAll(QUOTED)].map((m) => ({ keyword: '', table: m[1], m })),
    ];
    for (const { keyword, m, ...ref } of refs) {
      const table = ref.table.toLowerCase();
      const owner = owners[table];
      const line = lineOf(src, m.index ?? 0);
      if (!owner || owner === mod || seen.has(`${line}:${table}`)) continue;
      const reads = keyword === 'FROM' || keyword === 'JOIN';
      if (reads && readers[mod]?.includes(table)) continue;
      seen.add(`${line}:${table}`);
      violations.push({
        file: rel,
        line,
        message: `${mod}/ names table ${table}, owned by ${owner}/: call ${owner}'s service`,
      });
    }
    for (const m of src.matchAll(IMPORT)) {
      const spec = m[1];
      const target = /^\.\.?\//.test(spec) ? moduleOf(root, join(file, '..', spec)) : null;
      if (!target || target === mod) continue;
      if (/\/entities\//.test(spec) || /\.repository$/.test(spec) || /\.entity$/.test(spec))
        violations.push({
          file: rel,
          line: lineOf(src, m.index ?? 0),
          message: `${mod}/ imports ${spec}: another module's entities and repositories are its own`,
        });
    }
  }
  return violations;
}

/** Tables created by the migrations (CREATE TABLE), for the check that each has an owner. */
export function migrationTables(migrationsDir: string): string[] {
  const tables = new Set<string>();
  for (const name of readdirSync(migrationsDir)) {
    if (!name.endsWith('.ts')) continue;
    const src = readFileSync(join(migrationsDir, name), 'utf8');
    for (const m of src.matchAll(
      /CREATE TABLE\s+(?:IF NOT EXISTS\s+)?`?([A-Za-z_][A-Za-z0-9_]*)`?/gi,
    ))
      tables.add(m[1].toLowerCase());
  }
  return [...tables].sort();
}

export const formatViolations = (vs: Violation[]) =>
  vs.map((v) => `${v.file}:${v.line} ${v.message}`).join('\n');
