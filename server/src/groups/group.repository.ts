import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { GroupChatEntity } from './entities/group-chat.entity';
import { GroupMemberEntity } from './entities/group-member.entity';
import { retryOnLockConflict } from '../common/lock-conflict';

export interface GroupMemberRow {
  memberId: string;
  /** 1 staff, 2 customer */
  type: number;
  name: string;
  groupNickname: string;
  unionId: string | null;
  joinTime: number;
  joinScene: number;
  invitorUserId: string | null;
}

/** groupchat/get, as the mirror keeps it. */
export interface GroupSnapshot {
  chatId: string;
  name: string;
  ownerUserId: string;
  notice: string;
  createTime: number;
  memberVersion: string | null;
  members: GroupMemberRow[];
}

/** A customer's membership of a group, for the customer's detail. */
export interface GroupMembershipRow {
  chatId: string;
  name: string | null;
  ownerUserId: string | null;
  dismissedAt: Date | null;
  joinTime: number;
  joinScene: number;
  leftAt: Date | null;
}

export interface ApplySnapshotOptions {
  /** unix s when the snapshot was read from WeCom */
  observedAt: number;
  /**
   * CreateTime of the event that caused the read: applied only when no newer event was applied,
   * and kept as last_event_time. Without it (full sync) the snapshot is applied only when no
   * event newer than the read was applied, and last_event_time is left alone.
   */
  eventTime?: number;
  /** del_member: who left and how (QuitScene) */
  quit?: { memberIds: string[]; scene: number };
  /** groupchat/list status, when known */
  wecomStatus?: number;
}

export interface ApplySnapshotResult {
  applied: boolean;
  /** active now, not active before */
  joined: GroupMemberRow[];
  /** active before, not in the snapshot */
  left: Array<{ memberId: string; type: number }>;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** The mirror of customer groups and their members. */
@Injectable()
export class GroupRepository {
  constructor(
    @InjectRepository(GroupChatEntity) private readonly chats: Repository<GroupChatEntity>,
    @InjectRepository(GroupMemberEntity) private readonly members: Repository<GroupMemberEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  findChat(corpId: string, chatId: string): Promise<GroupChatEntity | null> {
    return this.chats.findOneBy({ corpId, chatId });
  }

  listChats(
    corpId: string,
    filter: { ownerUserId?: string; cursor?: string; limit: number; includeDismissed?: boolean },
  ): Promise<GroupChatEntity[]> {
    return this.chats.find({
      where: {
        corpId,
        ...(filter.ownerUserId ? { ownerUserId: filter.ownerUserId } : {}),
        ...(filter.cursor ? { chatId: MoreThan(filter.cursor) } : {}),
        ...(filter.includeDismissed ? {} : { dismissedAt: IsNull() }),
      },
      order: { chatId: 'ASC' },
      take: filter.limit,
    });
  }

  listMembers(corpId: string, chatId: string, activeOnly = false): Promise<GroupMemberEntity[]> {
    return this.members.find({
      where: { corpId, chatId, ...(activeOnly ? { leftAt: IsNull() } : {}) },
      order: { joinTime: 'ASC', memberId: 'ASC' },
    });
  }

  /** Groups a customer is or was in (newest first, at most 200). */
  async membershipsOf(corpId: string, externalUserId: string): Promise<GroupMembershipRow[]> {
    const rows = await this.dataSource.query(
      `SELECT gm.chat_id AS chatId, g.name, g.owner_user_id AS ownerUserId,
              g.dismissed_at AS dismissedAt, gm.join_time AS joinTime, gm.join_scene AS joinScene,
              gm.left_at AS leftAt
       FROM group_member gm
       LEFT JOIN group_chat g ON g.corp_id = gm.corp_id AND g.chat_id = gm.chat_id
       WHERE gm.corp_id = ? AND gm.member_id = ? AND gm.type = 2
       ORDER BY gm.left_at IS NULL DESC, gm.join_time DESC
       LIMIT 200`,
      [corpId, externalUserId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      chatId: r.chatId as string,
      name: (r.name as string | null) ?? null,
      ownerUserId: (r.ownerUserId as string | null) ?? null,
      dismissedAt: (r.dismissedAt as Date | null) ?? null,
      joinTime: Number(r.joinTime ?? 0),
      joinScene: Number(r.joinScene ?? 0),
      leftAt: (r.leftAt as Date | null) ?? null,
    }));
  }

  /** StaffUserIdRenamed: member rows and chat owners follow the new userid. */
  async renameUserId(corpId: string, oldId: string, newId: string): Promise<void> {
    await this.transaction(async (m) => {
      await m.query(
        'UPDATE IGNORE group_member SET member_id = ? WHERE corp_id = ? AND member_id = ? AND type = 1',
        [newId, corpId, oldId],
      );
      await m.query('DELETE FROM group_member WHERE corp_id = ? AND member_id = ? AND type = 1', [
        corpId,
        oldId,
      ]);
      await m.query(
        'UPDATE group_chat SET owner_user_id = ? WHERE corp_id = ? AND owner_user_id = ?',
        [newId, corpId, oldId],
      );
    });
  }

  /** Present members of each chat by type: customers (type 2) and staff (type 1). */
  async memberCounts(
    corpId: string,
    chatIds: string[],
  ): Promise<Map<string, { customers: number; staff: number }>> {
    if (!chatIds.length) return new Map();
    const rows: Array<{ chatId: string; customers: string; staff: string }> =
      await this.dataSource.query(
        `SELECT chat_id AS chatId, SUM(type = 2) AS customers, SUM(type = 1) AS staff
         FROM group_member WHERE corp_id = ? AND chat_id IN (?) AND left_at IS NULL
         GROUP BY chat_id`,
        [corpId, chatIds],
      );
    return new Map(
      rows.map((r) => [r.chatId, { customers: Number(r.customers), staff: Number(r.staff) }]),
    );
  }

  /**
   * Members who joined (WeCom's join_time) and who left (left_at) per local day since `from`,
   * of one chat or of every chat of the corp. Days are shifted by arithmetic, not the session's
   * time zone: join_time is unix seconds, left_at is stored in UTC.
   */
  async joinsAndLeavesPerDay(
    corpId: string,
    from: Date,
    offsetMinutes: number,
    chatId?: string,
  ): Promise<{
    joins: Array<{ day: string; n: number }>;
    leaves: Array<{ day: string; n: number }>;
  }> {
    const chat = chatId ? 'AND chat_id = ?' : '';
    const chatParam = chatId ? [chatId] : [];
    const [joins, leaves]: Array<Array<{ day: string; n: string }>> = await Promise.all([
      this.dataSource.query(
        `SELECT DATE_FORMAT(TIMESTAMP('1970-01-01') + INTERVAL (join_time + ?) SECOND, '%Y-%m-%d') AS day,
                COUNT(*) AS n
         FROM group_member WHERE corp_id = ? ${chat} AND join_time >= ? GROUP BY day`,
        [offsetMinutes * 60, corpId, ...chatParam, Math.floor(from.getTime() / 1000)],
      ),
      this.dataSource.query(
        `SELECT DATE_FORMAT(left_at + INTERVAL ? MINUTE, '%Y-%m-%d') AS day, COUNT(*) AS n
         FROM group_member WHERE corp_id = ? ${chat} AND left_at >= ? GROUP BY day`,
        [offsetMinutes, corpId, ...chatParam, from],
      ),
    ]);
    const toCounts = (rows: Array<{ day: string; n: string }>) =>
      rows.map((r) => ({ day: r.day, n: Number(r.n) }));
    return { joins: toCounts(joins), leaves: toCounts(leaves) };
  }

  /** member_id → type for the given ids of a chat (who is a customer). */
  async memberTypes(corpId: string, chatId: string, ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows: Array<{ member_id: string; type: number }> = await this.dataSource.query(
      `SELECT member_id, type FROM group_member WHERE corp_id = ? AND chat_id = ?
       AND member_id IN (${marks(ids.length)})`,
      [corpId, chatId, ...ids],
    );
    return new Map(rows.map((r) => [r.member_id, Number(r.type)]));
  }

  /**
   * Applies a groupchat/get snapshot in one transaction, the chat row locked: upserts the chat
   * and its members, marks members missing from the snapshot as left (with QuitScene when the
   * event names them). Skipped when a newer event was already applied (see options).
   */
  async applySnapshot(
    corpId: string,
    snap: GroupSnapshot,
    opts: ApplySnapshotOptions,
  ): Promise<ApplySnapshotResult> {
    return this.transaction(async (m) => {
      const last = await this.lockChat(m, corpId, snap.chatId);
      const guard = opts.eventTime ?? opts.observedAt;
      if (last !== null && last > guard) return { applied: false, joined: [], left: [] };
      const observed = new Date(opts.observedAt * 1000);
      await m.query(
        `INSERT INTO group_chat (corp_id, chat_id, name, owner_user_id, notice, wecom_status,
           create_time, member_count, member_version, dismissed_at, last_event_time, synced_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
         ON DUPLICATE KEY UPDATE name = VALUES(name), owner_user_id = VALUES(owner_user_id),
           notice = VALUES(notice), wecom_status = ${
             opts.wecomStatus === undefined ? 'wecom_status' : 'VALUES(wecom_status)'
           },
           create_time = VALUES(create_time), member_count = VALUES(member_count),
           member_version = VALUES(member_version), dismissed_at = NULL,
           last_event_time = GREATEST(last_event_time, VALUES(last_event_time)),
           synced_at = VALUES(synced_at)`,
        [
          corpId,
          snap.chatId,
          snap.name,
          snap.ownerUserId,
          snap.notice,
          opts.wecomStatus ?? 0,
          snap.createTime,
          snap.members.length,
          snap.memberVersion,
          opts.eventTime ?? 0,
          new Date(),
        ],
      );
      const before: Array<{ member_id: string; type: number; left_at: Date | null }> =
        await m.query(
          'SELECT member_id, type, left_at FROM group_member WHERE corp_id = ? AND chat_id = ?',
          [corpId, snap.chatId],
        );
      const activeBefore = new Map(
        before.filter((r) => r.left_at === null).map((r) => [r.member_id, Number(r.type)]),
      );
      const inSnapshot = new Set(snap.members.map((x) => x.memberId));
      if (snap.members.length) {
        await m.query(
          `INSERT INTO group_member (corp_id, chat_id, member_id, type, name, group_nickname,
             union_id, join_time, join_scene, invitor_user_id, left_at, quit_scene)
           VALUES ${snap.members.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)').join(', ')}
           ON DUPLICATE KEY UPDATE type = VALUES(type), name = VALUES(name),
             group_nickname = VALUES(group_nickname), union_id = VALUES(union_id),
             join_time = VALUES(join_time), join_scene = VALUES(join_scene),
             invitor_user_id = VALUES(invitor_user_id), left_at = NULL, quit_scene = NULL`,
          snap.members.flatMap((x) => [
            corpId,
            snap.chatId,
            x.memberId,
            x.type,
            x.name,
            x.groupNickname,
            x.unionId,
            x.joinTime,
            x.joinScene,
            x.invitorUserId,
          ]),
        );
      }
      const left = [...activeBefore.entries()]
        .filter(([id]) => !inSnapshot.has(id))
        .map(([memberId, type]) => ({ memberId, type }));
      const quitIds = new Set(opts.quit?.memberIds ?? []);
      for (const l of left) {
        await m.query(
          `UPDATE group_member SET left_at = ?, quit_scene = ?
           WHERE corp_id = ? AND chat_id = ? AND member_id = ?`,
          [
            observed,
            quitIds.has(l.memberId) ? opts.quit!.scene : null,
            corpId,
            snap.chatId,
            l.memberId,
          ],
        );
      }
      const joined = snap.members.filter((x) => !activeBefore.has(x.memberId));
      return { applied: true, joined, left };
    });
  }

  /**
   * The chat was dismissed (event, or groupchat/get says 40050). Skipped when a newer event was
   * applied; a chat the mirror never saw gets a dismissed row so a late create cannot revive it.
   */
  async markDismissed(
    corpId: string,
    chatId: string,
    eventTime: number,
    at: Date,
  ): Promise<boolean> {
    return this.transaction(async (m) => {
      const last = await this.lockChat(m, corpId, chatId);
      if (last !== null && last > eventTime) return false;
      await m.query(
        `INSERT INTO group_chat (corp_id, chat_id, dismissed_at, last_event_time)
         VALUES (?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE dismissed_at = COALESCE(dismissed_at, VALUES(dismissed_at)),
           last_event_time = GREATEST(last_event_time, VALUES(last_event_time))`,
        [corpId, chatId, at, eventTime],
      );
      return true;
    });
  }

  /** A stale del_member event still tells how its members left, if nobody said so yet. */
  async fillQuitScene(corpId: string, chatId: string, ids: string[], scene: number): Promise<void> {
    if (!ids.length) return;
    await this.dataSource.query(
      `UPDATE group_member SET quit_scene = ? WHERE corp_id = ? AND chat_id = ?
       AND member_id IN (${marks(ids.length)}) AND left_at IS NOT NULL AND quit_scene IS NULL`,
      [scene, corpId, chatId, ...ids],
    );
  }

  /**
   * Full sync: chats not seen by the run (synced before it started) and untouched by an event
   * since it started are gone from WeCom: dismissed.
   */
  async markUnseenDismissed(corpId: string, runStart: Date): Promise<number> {
    const res: { affectedRows: number } = await this.dataSource.query(
      `UPDATE group_chat SET dismissed_at = ?
       WHERE corp_id = ? AND dismissed_at IS NULL AND (synced_at IS NULL OR synced_at < ?)
       AND last_event_time < ?`,
      [new Date(), corpId, runStart, Math.floor(runStart.getTime() / 1000)],
    );
    return res.affectedRows;
  }

  /**
   * A transaction retried on InnoDB deadlocks: locking a chat row that does not exist yet takes a
   * gap lock, and two new chats inserted at once can deadlock on it (the loser is rolled back).
   */
  private transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return retryOnLockConflict(() => this.dataSource.transaction(fn));
  }

  private async lockChat(m: EntityManager, corpId: string, chatId: string): Promise<number | null> {
    const rows: Array<{ last_event_time: number }> = await m.query(
      'SELECT last_event_time FROM group_chat WHERE corp_id = ? AND chat_id = ? FOR UPDATE',
      [corpId, chatId],
    );
    return rows.length ? Number(rows[0].last_event_time) : null;
  }
}
