import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { RuleDefinition } from './rule-matcher';

export interface RuleRow extends RuleDefinition {
  corpId: string;
  hitCount: number;
  lastHitAt: Date | null;
  updatedAt: Date;
}

export type RuleWrite = Omit<RuleDefinition, 'id'>;

/** A transaction opened by the chat archive's pass (its batch's writes are one commit). */
export type OpenTx = EntityManager;

function json<T>(v: unknown, fallback: T): T {
  if (v === null || v === undefined) return fallback;
  if (typeof v !== 'string') return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

const COLUMNS = `id, corp_id AS corpId, name, enabled, match_mode AS matchMode, keywords, exclusions,
  segmentation, custom_words AS customWords, senders, chat_types AS chatTypes,
  department_ids AS departmentIds, tag_ids AS tagIds, hit_count AS hitCount,
  last_hit_at AS lastHitAt, updated_at AS updatedAt`;

function toRule(r: Record<string, unknown>): RuleRow {
  return {
    id: String(r.id),
    corpId: r.corpId as string,
    name: r.name as string,
    enabled: Boolean(Number(r.enabled)),
    matchMode: r.matchMode as 'any' | 'all',
    keywords: json(r.keywords, []),
    exclusions: json(r.exclusions, []),
    segmentation: Boolean(Number(r.segmentation)),
    customWords: json(r.customWords, []),
    senders: json(r.senders, []),
    chatTypes: json(r.chatTypes, []),
    departmentIds: json(r.departmentIds, null),
    tagIds: json(r.tagIds, []),
    hitCount: Number(r.hitCount ?? 0),
    lastHitAt: (r.lastHitAt as Date | null) ?? null,
    updatedAt: r.updatedAt as Date,
  };
}

const values = (w: RuleWrite) => [
  w.name,
  w.enabled ? 1 : 0,
  w.matchMode,
  JSON.stringify(w.keywords),
  JSON.stringify(w.exclusions),
  w.segmentation ? 1 : 0,
  JSON.stringify(w.customWords),
  JSON.stringify(w.senders),
  JSON.stringify(w.chatTypes),
  w.departmentIds ? JSON.stringify(w.departmentIds) : null,
  JSON.stringify(w.tagIds),
];

/** chat_tag_rule: the chat rules' table. */
@Injectable()
export class ChatRuleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(corpId: string): Promise<RuleRow[]> {
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM chat_tag_rule WHERE corp_id = ? ORDER BY id`,
      [corpId],
    );
    return rows.map(toRule);
  }

  async get(corpId: string, id: string): Promise<RuleRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM chat_tag_rule WHERE corp_id = ? AND id = ?`,
      [corpId, id],
    );
    return row ? toRule(row) : null;
  }

  /** Changes whenever a rule of the corp is created, edited, switched or deleted. */
  async signature(corpId: string): Promise<string> {
    const [r] = await this.dataSource.query(
      `SELECT COUNT(*) AS n, COALESCE(SUM(version), 0) AS v, MAX(updated_at) AS u
       FROM chat_tag_rule WHERE corp_id = ?`,
      [corpId],
    );
    return `${r.n}:${r.v}:${r.u ? new Date(r.u).getTime() : 0}`;
  }

  async insert(corpId: string, w: RuleWrite): Promise<string> {
    const res = await this.dataSource.query(
      `INSERT INTO chat_tag_rule (corp_id, name, enabled, match_mode, keywords, exclusions,
         segmentation, custom_words, senders, chat_types, department_ids, tag_ids)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [corpId, ...values(w)],
    );
    return String(res.insertId);
  }

  async update(corpId: string, id: string, w: RuleWrite): Promise<boolean> {
    const res = await this.dataSource.query(
      `UPDATE chat_tag_rule SET name = ?, enabled = ?, match_mode = ?, keywords = ?, exclusions = ?,
         segmentation = ?, custom_words = ?, senders = ?, chat_types = ?, department_ids = ?,
         tag_ids = ?, version = version + 1
       WHERE corp_id = ? AND id = ?`,
      [...values(w), corpId, id],
    );
    return Number(res?.affectedRows ?? 0) > 0;
  }

  async setEnabled(corpId: string, id: string, enabled: boolean): Promise<boolean> {
    const res = await this.dataSource.query(
      `UPDATE chat_tag_rule SET enabled = ?, version = version + 1 WHERE corp_id = ? AND id = ?`,
      [enabled ? 1 : 0, corpId, id],
    );
    return Number(res?.affectedRows ?? 0) > 0;
  }

  async delete(corpId: string, id: string): Promise<boolean> {
    const res = await this.dataSource.query(
      'DELETE FROM chat_tag_rule WHERE corp_id = ? AND id = ?',
      [corpId, id],
    );
    return Number(res?.affectedRows ?? 0) > 0;
  }

  /**
   * Adds matched messages to the rules' hit counts (one statement; updated_at is left alone), in
   * the pass's transaction.
   */
  async addHits(tx: OpenTx | null, corpId: string, hits: Map<string, number>): Promise<void> {
    if (!hits.size) return;
    const entries = [...hits.entries()].sort(([a], [b]) => Number(a) - Number(b));
    await (tx ?? this.dataSource).query(
      `UPDATE chat_tag_rule
       SET hit_count = hit_count + CASE id ${entries.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END,
         last_hit_at = NOW(3), updated_at = updated_at
       WHERE corp_id = ? AND id IN (?)`,
      [...entries.flat(), corpId, entries.map(([id]) => id)],
    );
  }
}
