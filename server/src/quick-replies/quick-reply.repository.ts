import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import {
  QuickReplyFolderEntity,
  QuickReplyItemEntity,
  QuickReplySettingEntity,
} from './entities/quick-reply.entity';

/** Quick replies' data access: quick_reply_folder, quick_reply_item, quick_reply_setting. */
@Injectable()
export class QuickReplyRepository {
  constructor(
    @InjectRepository(QuickReplyFolderEntity)
    private readonly folders: Repository<QuickReplyFolderEntity>,
    @InjectRepository(QuickReplyItemEntity)
    private readonly items: Repository<QuickReplyItemEntity>,
    @InjectRepository(QuickReplySettingEntity)
    private readonly settings: Repository<QuickReplySettingEntity>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  // ------------------------------------------------------------------ folders

  listFolders(corpId: string): Promise<QuickReplyFolderEntity[]> {
    return this.folders.find({ where: { corpId }, order: { sortOrder: 'ASC', id: 'ASC' } });
  }

  findFolder(corpId: string, id: string): Promise<QuickReplyFolderEntity | null> {
    return this.folders.findOneBy({ corpId, id });
  }

  async insertFolder(row: Partial<QuickReplyFolderEntity>): Promise<QuickReplyFolderEntity> {
    const corpId = row.corpId!;
    const saved = await this.folders.save(
      this.folders.create({ ...row, sortOrder: await this.nextFolderOrder(corpId) }),
    );
    return (await this.findFolder(corpId, saved.id))!;
  }

  async updateFolder(
    corpId: string,
    id: string,
    patch: Partial<QuickReplyFolderEntity>,
  ): Promise<void> {
    await this.folders.update({ corpId, id }, patch);
  }

  /** The folder and its items, in one transaction. */
  async deleteFolder(corpId: string, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.delete(QuickReplyItemEntity, { corpId, folderId: id });
      await m.delete(QuickReplyFolderEntity, { corpId, id });
    });
  }

  countFolders(corpId: string): Promise<number> {
    return this.folders.countBy({ corpId });
  }

  /** Items per folder of the corp. */
  async itemCounts(corpId: string): Promise<Map<string, number>> {
    const rows: Array<{ folderId: string; n: string | number }> = await this.db.query(
      'SELECT folder_id AS folderId, COUNT(*) AS n FROM quick_reply_item WHERE corp_id = ? GROUP BY folder_id',
      [corpId],
    );
    return new Map(rows.map((r) => [String(r.folderId), Number(r.n)]));
  }

  // ------------------------------------------------------------------ items

  listItems(corpId: string, folderIds: string[]): Promise<QuickReplyItemEntity[]> {
    if (!folderIds.length) return Promise.resolve([]);
    return this.items.find({
      where: { corpId, folderId: In(folderIds) },
      order: { sortOrder: 'ASC', id: 'ASC' },
    });
  }

  findItem(corpId: string, id: string): Promise<QuickReplyItemEntity | null> {
    return this.items.findOneBy({ corpId, id });
  }

  countItems(corpId: string, folderId: string): Promise<number> {
    return this.items.countBy({ corpId, folderId });
  }

  async insertItem(row: Partial<QuickReplyItemEntity>): Promise<QuickReplyItemEntity> {
    const corpId = row.corpId!;
    const saved = await this.items.save(
      this.items.create({ ...row, sortOrder: await this.nextItemOrder(corpId, row.folderId!) }),
    );
    return (await this.findItem(corpId, saved.id))!;
  }

  /** Replaces the item's content; moved to another folder it goes last there. */
  async updateItem(
    corpId: string,
    id: string,
    patch: Partial<QuickReplyItemEntity>,
    movedTo?: string,
  ): Promise<void> {
    const order = movedTo ? { sortOrder: await this.nextItemOrder(corpId, movedTo) } : {};
    await this.items.update({ corpId, id }, { ...patch, ...order });
  }

  async deleteItem(corpId: string, id: string): Promise<void> {
    await this.items.delete({ corpId, id });
  }

  /** One use more: an atomic increment, so parallel sends all count. */
  async countUse(corpId: string, id: string, at: Date): Promise<number> {
    await this.db.query(
      'UPDATE quick_reply_item SET use_count = use_count + 1, last_used_at = ? WHERE corp_id = ? AND id = ?',
      [at, corpId, id],
    );
    const rows: Array<{ n: number }> = await this.db.query(
      'SELECT use_count AS n FROM quick_reply_item WHERE corp_id = ? AND id = ?',
      [corpId, id],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Sets sort_order to the position in `ids` (folders of the corp, or items of one folder). */
  async reorder(
    table: 'quick_reply_folder' | 'quick_reply_item',
    corpId: string,
    ids: string[],
  ): Promise<void> {
    if (!ids.length) return;
    await this.db.query(
      `UPDATE ${table} SET sort_order = CASE id ${ids.map(() => 'WHEN ? THEN ?').join(' ')} END
       WHERE corp_id = ? AND id IN (?)`,
      [...ids.flatMap((id, i) => [id, i]), corpId, ids],
    );
  }

  // ------------------------------------------------------------------ settings

  async miniprogramAppId(corpId: string): Promise<string | null> {
    return (await this.settings.findOneBy({ corpId }))?.miniprogramAppId ?? null;
  }

  async setMiniprogramAppId(corpId: string, appId: string | null): Promise<void> {
    await this.settings.upsert({ corpId, miniprogramAppId: appId }, ['corpId']);
  }

  private nextFolderOrder(corpId: string): Promise<number> {
    return this.nextOrder('SELECT MAX(sort_order) AS n FROM quick_reply_folder WHERE corp_id = ?', [
      corpId,
    ]);
  }

  private nextItemOrder(corpId: string, folderId: string): Promise<number> {
    return this.nextOrder(
      'SELECT MAX(sort_order) AS n FROM quick_reply_item WHERE corp_id = ? AND folder_id = ?',
      [corpId, folderId],
    );
  }

  private async nextOrder(sql: string, params: unknown[]): Promise<number> {
    const rows: Array<{ n: number | null }> = await this.db.query(sql, params);
    const n = rows[0]?.n;
    return n === null || n === undefined ? 0 : Number(n) + 1;
  }
}
