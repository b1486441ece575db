import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import { TagGroupEntity } from './entities/tag-group.entity';
import { TagEntity } from './entities/tag.entity';

export interface TagGroupRow {
  groupId: string;
  name: string;
  sortOrder: number;
  createTime: number;
  /** Set by the SCRM's own add_corp_tag; never cleared by a sync (GREATEST). */
  createdByApp?: boolean;
}

export interface TagRow {
  tagId: string;
  groupId: string;
  name: string;
  sortOrder: number;
  createTime: number;
  createdByApp?: boolean;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** The mirror of corp tag groups and tags (企业客户标签). Deleted ones keep a deleted_at. */
@Injectable()
export class TagRepository {
  constructor(
    @InjectRepository(TagGroupEntity) private readonly groups: Repository<TagGroupEntity>,
    @InjectRepository(TagEntity) private readonly tags: Repository<TagEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  listGroups(corpId: string): Promise<TagGroupEntity[]> {
    return this.groups.find({
      where: { corpId, deletedAt: IsNull() },
      order: { sortOrder: 'DESC', createTime: 'ASC' },
    });
  }

  listTags(corpId: string, groupIds?: string[]): Promise<TagEntity[]> {
    return this.tags.find({
      where: { corpId, deletedAt: IsNull(), ...(groupIds ? { groupId: In(groupIds) } : {}) },
      order: { sortOrder: 'DESC', createTime: 'ASC' },
    });
  }

  /** Tag names by id, deleted tags included (the timeline names tags at read time). */
  async tagNames(corpId: string, tagIds: string[]): Promise<Map<string, string>> {
    if (!tagIds.length) return new Map();
    const rows: { tagId: string; name: string }[] = await this.dataSource.query(
      'SELECT tag_id AS tagId, name FROM tag WHERE corp_id = ? AND tag_id IN (?)',
      [corpId, tagIds],
    );
    return new Map(rows.map((r) => [r.tagId, r.name]));
  }

  async hasAnyTag(corpId: string): Promise<boolean> {
    const any = await this.dataSource.query('SELECT 1 FROM tag WHERE corp_id = ? LIMIT 1', [
      corpId,
    ]);
    return any.length > 0;
  }

  /** Read helper: the live tags among `tagIds`. */
  findTags(corpId: string, tagIds: string[]): Promise<TagEntity[]> {
    if (!tagIds.length) return Promise.resolve([]);
    return this.tags.find({ where: { corpId, tagId: In(tagIds), deletedAt: IsNull() } });
  }

  async upsertGroups(corpId: string, rows: TagGroupRow[]): Promise<void> {
    if (!rows.length) return;
    await this.dataSource.query(
      `INSERT INTO tag_group
         (corp_id, group_id, name, sort_order, create_time, created_by_app, deleted_at)
       VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, NULL)').join(', ')}
       ON DUPLICATE KEY UPDATE name = VALUES(name), sort_order = VALUES(sort_order),
         create_time = VALUES(create_time), deleted_at = NULL,
         created_by_app = GREATEST(created_by_app, VALUES(created_by_app))`,
      rows.flatMap((r) => [
        corpId,
        r.groupId,
        r.name,
        r.sortOrder,
        r.createTime,
        r.createdByApp ? 1 : 0,
      ]),
    );
  }

  async upsertTags(corpId: string, rows: TagRow[]): Promise<void> {
    if (!rows.length) return;
    await this.dataSource.query(
      `INSERT INTO tag
         (corp_id, tag_id, group_id, name, sort_order, create_time, created_by_app, deleted_at)
       VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, NULL)').join(', ')}
       ON DUPLICATE KEY UPDATE group_id = VALUES(group_id), name = VALUES(name),
         sort_order = VALUES(sort_order), create_time = VALUES(create_time), deleted_at = NULL,
         created_by_app = GREATEST(created_by_app, VALUES(created_by_app))`,
      rows.flatMap((r) => [
        corpId,
        r.tagId,
        r.groupId,
        r.name,
        r.sortOrder,
        r.createTime,
        r.createdByApp ? 1 : 0,
      ]),
    );
  }

  /** Marks tag groups deleted: the listed ones, or every one not in `keepIds` (scope 'except'). */
  async markGroupsDeleted(
    corpId: string,
    ids: string[],
    scope: 'only' | 'except' = 'only',
  ): Promise<number> {
    if (scope === 'only' && !ids.length) return 0;
    const filter = ids.length
      ? ` AND group_id ${scope === 'only' ? '' : 'NOT '}IN (${marks(ids.length)})`
      : '';
    const res: { affectedRows: number } = await this.dataSource.query(
      `UPDATE tag_group SET deleted_at = ? WHERE corp_id = ? AND deleted_at IS NULL${filter}`,
      [new Date(), corpId, ...ids],
    );
    return res.affectedRows;
  }

  /** Marks tags deleted: the listed ones, or every one not in `ids` (scope 'except'). */
  async markTagsDeleted(
    corpId: string,
    ids: string[],
    scope: 'only' | 'except' = 'only',
    groupIds?: string[],
  ): Promise<number> {
    if (scope === 'only' && !ids.length) return 0;
    const filter = ids.length
      ? ` AND tag_id ${scope === 'only' ? '' : 'NOT '}IN (${marks(ids.length)})`
      : '';
    const groupFilter = groupIds ? ` AND group_id IN (${marks(groupIds.length)})` : '';
    if (groupIds && !groupIds.length) return 0;
    const res: { affectedRows: number } = await this.dataSource.query(
      `UPDATE tag SET deleted_at = ? WHERE corp_id = ? AND deleted_at IS NULL${filter}${groupFilter}`,
      [new Date(), corpId, ...ids, ...(groupIds ?? [])],
    );
    return res.affectedRows;
  }

  /** The SCRM's own edit_corp_tag succeeded: the mirror takes it (WeCom sends no callback). */
  async edit(
    corpId: string,
    type: 'tag' | 'tag_group',
    id: string,
    edit: { name?: string; order?: number },
  ): Promise<void> {
    const sets: string[] = [];
    const args: unknown[] = [];
    if (edit.name !== undefined) {
      sets.push('name = ?');
      args.push(edit.name);
    }
    if (edit.order !== undefined) {
      sets.push('sort_order = ?');
      args.push(edit.order);
    }
    if (!sets.length) return;
    const [table, key] = type === 'tag' ? ['tag', 'tag_id'] : ['tag_group', 'group_id'];
    await this.dataSource.query(
      `UPDATE ${table} SET ${sets.join(', ')} WHERE corp_id = ? AND ${key} = ?`,
      [...args, corpId, id],
    );
  }

  /** WeCom answered 81011 for this id: it was not made by the app (read-only from now on). */
  async markNotByApp(corpId: string, id: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE tag SET created_by_app = 0 WHERE corp_id = ? AND (tag_id = ? OR group_id = ?)',
      [corpId, id, id],
    );
    await this.dataSource.query(
      'UPDATE tag_group SET created_by_app = 0 WHERE corp_id = ? AND group_id = ?',
      [corpId, id],
    );
  }

  /** Customers marked with each live tag (distinct over their relations). */
  async markedCustomerCounts(corpId: string): Promise<Map<string, number>> {
    const rows: { tagId: string; n: string | number }[] = await this.dataSource.query(
      `SELECT ct.tag_id AS tagId, COUNT(DISTINCT ct.external_user_id) AS n
       FROM customer_tag ct
       JOIN tag t ON t.corp_id = ct.corp_id AND t.tag_id = ct.tag_id AND t.deleted_at IS NULL
       WHERE ct.corp_id = ? GROUP BY ct.tag_id`,
      [corpId],
    );
    return new Map(rows.map((r) => [r.tagId, Number(r.n)]));
  }

  /** Live tags by name (for imports): `group/tag` and bare `tag` keys. */
  async liveTagNames(
    corpId: string,
  ): Promise<Array<{ tagId: string; name: string; groupName: string }>> {
    return this.dataSource.query(
      `SELECT t.tag_id AS tagId, t.name, g.name AS groupName
       FROM tag t JOIN tag_group g ON g.corp_id = t.corp_id AND g.group_id = t.group_id
       WHERE t.corp_id = ? AND t.deleted_at IS NULL AND g.deleted_at IS NULL`,
      [corpId],
    );
  }
}
