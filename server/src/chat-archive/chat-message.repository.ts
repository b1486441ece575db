import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StoredMessage } from './archive-message';

/** One message ready to store. */
export interface MessageRow {
  msgid: string;
  seq: number | null;
  action: string;
  from: string;
  tolist: string[];
  roomid: string;
  msgtime: number;
  msgtype: string;
  text: string;
  content: Record<string, unknown>;
  /** The customer whose history it belongs to ('' for none). */
  customerId: string;
}

export interface SettingRow {
  corpId: string;
  retentionDays: number;
  ingestTokenHint: string | null;
  hasIngestToken: boolean;
  pullSeq: number;
  pulledAt: Date | null;
}

/** MariaDB returns JSON columns of raw queries as text. */
function parseJson<T>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return null;
  }
}

const MESSAGE_COLUMNS = `m.id, m.corp_id AS corpId, m.msgid, m.action, m.from_id AS fromId,
  m.tolist, m.room_id AS roomid, m.msgtime, m.msgtype, m.text`;

function toStored(r: Record<string, unknown>): StoredMessage {
  return {
    id: String(r.id),
    corpId: r.corpId as string,
    msgid: r.msgid as string,
    action: r.action as string,
    from: r.fromId as string,
    tolist: parseJson<string[]>(r.tolist) ?? [],
    roomid: (r.roomid as string) ?? '',
    msgtime: Number(r.msgtime),
    msgtype: r.msgtype as string,
    text: (r.text as string | null) ?? '',
  };
}

/**
 * chat_message and chat_archive_setting: the chat archive's tables (only this repository names
 * them).
 */
@Injectable()
export class ChatMessageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores the messages not stored yet (msgid unique per corp), in one statement. Returns how many
   * were new; a replay inserts nothing.
   */
  async insertBatch(corpId: string, rows: MessageRow[]): Promise<number> {
    if (!rows.length) return 0;
    const res = await this.dataSource.query(
      `INSERT IGNORE INTO chat_message (corp_id, msgid, seq, action, from_id, tolist, room_id,
         customer_id, msgtime, msgtype, text, content)
       VALUES ?`,
      [
        rows.map((r) => [
          corpId,
          r.msgid,
          r.seq,
          r.action,
          r.from,
          JSON.stringify(r.tolist),
          r.roomid,
          r.customerId,
          r.msgtime,
          r.msgtype,
          r.text,
          JSON.stringify(r.content),
        ]),
      ],
    );
    return Number(res?.affectedRows ?? 0);
  }

  /**
   * Claims up to `limit` messages the rules have not run on (none claimed, or a claim whose lease
   * ran out: its worker died), oldest first. Several workers never claim the same message.
   */
  async claimPending(corpId: string, limit: number, leaseMs: number): Promise<StoredMessage[]> {
    // candidates by a plain read, then the claim by primary key: the claim, the settle and the
    // release all lock rows in primary-key order (a claim scanning the pending index while a
    // settle moved rows out of it deadlocked under load). A claim racing another gets the rows
    // the other did not take.
    // the candidates are read whole (messages never change once stored): when the claim took
    // them all, as it does without a race, they are the batch and need no second read
    const candidates: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_message m
       WHERE m.corp_id = ? AND m.rules_state = 0
         AND (m.claim_token IS NULL OR m.claimed_until < NOW(3))
       ORDER BY m.id LIMIT ?`,
      [corpId, limit],
    );
    if (!candidates.length) return [];
    const ids = candidates.map((c) => String(c.id));
    const token = randomBytes(16).toString('hex');
    const res = await this.dataSource.query(
      `UPDATE chat_message SET claim_token = ?, claimed_until = NOW(3) + INTERVAL ? * 1000 MICROSECOND
       WHERE id IN (?) AND rules_state = 0 AND (claim_token IS NULL OR claimed_until < NOW(3))`,
      [token, leaseMs, ids],
    );
    const claimed = Number(res?.affectedRows ?? 0);
    if (!claimed) return [];
    if (claimed === candidates.length) return candidates.map(toStored);
    const rows = await this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_message m
       WHERE m.id IN (?) AND m.claim_token = ? ORDER BY m.id`,
      [ids, token],
    );
    return rows.map(toStored);
  }

  /** The rules ran on these messages: done, claim released. */
  async settle(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.dataSource.query(
      `UPDATE chat_message SET rules_state = 1, claim_token = NULL, claimed_until = NULL
       WHERE id IN (?)`,
      [ids],
    );
  }

  /** A failed batch: its claim released, for the retry. */
  async release(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.dataSource.query(
      'UPDATE chat_message SET claim_token = NULL, claimed_until = NULL WHERE id IN (?)',
      [ids],
    );
  }

  /** Corps with messages the rules have not run on (for the sweep). */
  async corpsWithPending(): Promise<string[]> {
    const rows: Array<{ corpId: string }> = await this.dataSource.query(
      `SELECT s.corp_id AS corpId FROM chat_archive_setting s
       WHERE EXISTS (SELECT 1 FROM chat_message m WHERE m.corp_id = s.corp_id AND m.rules_state = 0)`,
    );
    return rows.map((r) => r.corpId);
  }

  /** Messages after `afterId` in id order (back-apply walks the archive with it). */
  async pageAfter(corpId: string, afterId: string, limit: number): Promise<StoredMessage[]> {
    const rows = await this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_message m
       WHERE m.corp_id = ? AND m.id > ? ORDER BY m.id LIMIT ?`,
      [corpId, afterId, limit],
    );
    return rows.map(toStored);
  }

  /** The newest `limit` messages, newest first (the dry run). */
  async latest(corpId: string, limit: number): Promise<StoredMessage[]> {
    const rows = await this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_message m
       WHERE m.corp_id = ? ORDER BY m.id DESC LIMIT ?`,
      [corpId, limit],
    );
    return rows.map(toStored);
  }

  async maxId(corpId: string): Promise<string> {
    const [row] = await this.dataSource.query(
      'SELECT COALESCE(MAX(id), 0) AS id FROM chat_message WHERE corp_id = ?',
      [corpId],
    );
    return String(row?.id ?? 0);
  }

  async count(corpId: string): Promise<number> {
    const [row] = await this.dataSource.query(
      'SELECT COUNT(*) AS n FROM chat_message WHERE corp_id = ?',
      [corpId],
    );
    return Number(row?.n ?? 0);
  }

  /** One customer's messages, newest first, keyset by (msgtime, id) below `before`. */
  async history(
    corpId: string,
    externalUserId: string,
    limit: number,
    before?: { msgtime: number; id: string },
  ): Promise<StoredMessage[]> {
    const rows = await this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_message m
       WHERE m.corp_id = ? AND m.customer_id = ?
         ${before ? 'AND (m.msgtime, m.id) < (?, ?)' : ''}
       ORDER BY m.msgtime DESC, m.id DESC LIMIT ?`,
      [corpId, externalUserId, ...(before ? [before.msgtime, before.id] : []), limit],
    );
    return rows.map(toStored);
  }

  /** Deletes up to `limit` messages older than `beforeMs`; returns how many went (repeat until 0). */
  async deleteOlderThan(corpId: string, beforeMs: number, limit: number): Promise<number> {
    const res = await this.dataSource.query(
      'DELETE FROM chat_message WHERE corp_id = ? AND msgtime < ? ORDER BY msgtime LIMIT ?',
      [corpId, beforeMs, limit],
    );
    return Number(res?.affectedRows ?? 0);
  }

  // ------------------------------------------------------------------ settings

  async ensureSetting(corpId: string): Promise<void> {
    await this.dataSource.query('INSERT IGNORE INTO chat_archive_setting (corp_id) VALUES (?)', [
      corpId,
    ]);
  }

  async setting(corpId: string): Promise<SettingRow> {
    await this.ensureSetting(corpId);
    const [r] = await this.dataSource.query(
      `SELECT corp_id AS corpId, retention_days AS retentionDays, ingest_token_hint AS hint,
         ingest_token_sha256 IS NOT NULL AS hasToken, pull_seq AS pullSeq, pulled_at AS pulledAt
       FROM chat_archive_setting WHERE corp_id = ?`,
      [corpId],
    );
    return {
      corpId: r.corpId,
      retentionDays: Number(r.retentionDays),
      ingestTokenHint: r.hint ?? null,
      hasIngestToken: Boolean(Number(r.hasToken)),
      pullSeq: Number(r.pullSeq),
      pulledAt: r.pulledAt ?? null,
    };
  }

  async allSettings(): Promise<Array<{ corpId: string; retentionDays: number }>> {
    const rows: Array<{ corpId: string; retentionDays: number }> = await this.dataSource.query(
      'SELECT corp_id AS corpId, retention_days AS retentionDays FROM chat_archive_setting',
    );
    return rows.map((r) => ({ corpId: r.corpId, retentionDays: Number(r.retentionDays) }));
  }

  async setRetention(corpId: string, days: number): Promise<void> {
    await this.ensureSetting(corpId);
    await this.dataSource.query(
      'UPDATE chat_archive_setting SET retention_days = ? WHERE corp_id = ?',
      [days, corpId],
    );
  }

  async setIngestToken(corpId: string, sha256: string, hint: string): Promise<void> {
    await this.ensureSetting(corpId);
    await this.dataSource.query(
      `UPDATE chat_archive_setting SET ingest_token_sha256 = ?, ingest_token_hint = ?
       WHERE corp_id = ?`,
      [sha256, hint, corpId],
    );
  }

  async corpByTokenHash(sha256: string): Promise<string | null> {
    const [r] = await this.dataSource.query(
      'SELECT corp_id AS corpId FROM chat_archive_setting WHERE ingest_token_sha256 = ?',
      [sha256],
    );
    return r?.corpId ?? null;
  }

  /** Moves the puller's seq forward only (two pulls racing never move it back). */
  async advancePullSeq(corpId: string, seq: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE chat_archive_setting SET pull_seq = GREATEST(pull_seq, ?), pulled_at = NOW(3)
       WHERE corp_id = ?`,
      [seq, corpId],
    );
  }
}
