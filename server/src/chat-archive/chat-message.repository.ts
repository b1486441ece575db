import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparedInsert } from '../database/prepared-insert';
import type { StoredMessage } from './archive-message';

/** A transaction, passed to the other modules' writes of the same pass. */
export type OpenTx = EntityManager;

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
    return this.dataSource.transaction(async (tx) => {
      // a corp's inserts one after the other (its setting row locked until the commit): its
      // message ids are then committed in id order, and the rules' cursor (chat_archive_pass)
      // can never pass a message whose insert has not committed yet
      const locked = () =>
        tx.query('SELECT corp_id FROM chat_archive_setting WHERE corp_id = ? FOR UPDATE', [corpId]);
      if (!(await locked()).length) {
        await tx.query('INSERT IGNORE INTO chat_archive_setting (corp_id) VALUES (?)', [corpId]);
        await locked();
      }
      // prepared (the binary protocol): the messages are not escaped into ~600 KB of SQL text
      return preparedInsert(
        tx,
        `INSERT IGNORE INTO chat_message (corp_id, msgid, seq, action, from_id, tolist, room_id,
           customer_id, msgtime, msgtype, text, content)`,
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
      );
    });
  }

  /**
   * The last message id the rules ran on (the corp's cursor; its row made at the first read).
   * One worker runs a corp's pass at a time (CorpPassLease); moving the cursor in the batch's
   * transaction is the fence if a lease ever ran out (`moveCursor`).
   */
  async cursor(corpId: string): Promise<string> {
    const read = () =>
      this.dataSource.query('SELECT last_id AS id FROM chat_archive_pass WHERE corp_id = ?', [
        corpId,
      ]) as Promise<Array<{ id: string | number }>>;
    let [row] = await read();
    if (!row) {
      await this.dataSource.query('INSERT IGNORE INTO chat_archive_pass (corp_id) VALUES (?)', [
        corpId,
      ]);
      [row] = await read();
    }
    return String(row?.id ?? 0);
  }

  /** Runs `work` in one transaction (the rules pass writes everything of a batch in it). */
  transaction<T>(work: (tx: OpenTx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * The rules ran on every message up to `to` (in the pass's transaction): moves the cursor from
   * `from`. False when it was not at `from` any more (another pass moved it: the caller rolls
   * back); the row lock makes two passes of one corp wait for each other.
   */
  async moveCursor(tx: OpenTx, corpId: string, from: string, to: string): Promise<boolean> {
    const res = await tx.query(
      'UPDATE chat_archive_pass SET last_id = ? WHERE corp_id = ? AND last_id = ?',
      [to, corpId, from],
    );
    return Number(res?.affectedRows ?? 0) === 1;
  }

  /** Corps with messages after their cursor (for the sweep). */
  async corpsWithPending(): Promise<string[]> {
    const rows: Array<{ corpId: string }> = await this.dataSource.query(
      `SELECT s.corp_id AS corpId FROM chat_archive_setting s
       LEFT JOIN chat_archive_pass p ON p.corp_id = s.corp_id
       WHERE EXISTS (SELECT 1 FROM chat_message m
                     WHERE m.corp_id = s.corp_id AND m.id > COALESCE(p.last_id, 0))`,
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
