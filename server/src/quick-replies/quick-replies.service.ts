import { Injectable } from '@nestjs/common';
import { MediaService } from '../media/media.service';
import { StaffService } from '../staff/staff.service';
import type { SidebarIdentity } from '../admin/auth/auth.decorators';
import {
  QuickReplyFolderBodyDto,
  QuickReplyFolderDto,
  QuickReplyItemBodyDto,
  QuickReplyItemDto,
  QuickReplySettingDto,
  QuickReplyUseDto,
  SidebarQuickRepliesDto,
} from './dto/quick-reply.dto';
import type { QuickReplyFolderEntity, QuickReplyItemEntity } from './entities/quick-reply.entity';
import { QuickReplyException } from './quick-reply.exception';
import { QuickReplyRepository } from './quick-reply.repository';
import {
  chatPayload,
  departmentsWithAncestors,
  folderVisibleTo,
  matchesSearch,
  QUICK_REPLY_LIMITS,
} from './quick-reply-rules';

/** Items a sidebar search returns at most. */
const SEARCH_RESULTS = 200;

const toFolderDto = (f: QuickReplyFolderEntity, itemCount: number): QuickReplyFolderDto => ({
  id: String(f.id),
  name: f.name,
  sortOrder: f.sortOrder,
  visibleToAll: f.visibleToAll,
  departmentIds: f.departmentIds,
  userIds: f.userIds,
  itemCount,
});

const toItemDto = (i: QuickReplyItemEntity): QuickReplyItemDto => ({
  id: String(i.id),
  folderId: String(i.folderId),
  kind: i.kind,
  title: i.title,
  content: i.content,
  assetId: i.assetId === null ? null : String(i.assetId),
  url: i.url,
  description: i.description,
  coverUrl: i.coverUrl,
  appId: i.appId,
  page: i.page,
  sortOrder: i.sortOrder,
  useCount: i.useCount,
  lastUsedAt: i.lastUsedAt ? i.lastUsedAt.toISOString() : null,
});

/**
 * Quick replies (话术库): folders and items managed in the console, and the ones a guide may see
 * in the sidebar, where using one gives the exact `ww.sendChatMessage` payload (an image's
 * media_id uploaded again when its 3 days ran out) and counts the use.
 */
@Injectable()
export class QuickRepliesService {
  constructor(
    private readonly repo: QuickReplyRepository,
    private readonly media: MediaService,
    private readonly staff: StaffService,
  ) {}

  // ------------------------------------------------------------------ console: folders

  async listFolders(corpId: string): Promise<QuickReplyFolderDto[]> {
    const [folders, counts] = await Promise.all([
      this.repo.listFolders(corpId),
      this.repo.itemCounts(corpId),
    ]);
    return folders.map((f) => toFolderDto(f, counts.get(String(f.id)) ?? 0));
  }

  async createFolder(dto: QuickReplyFolderBodyDto): Promise<QuickReplyFolderDto> {
    if ((await this.repo.countFolders(dto.corpId)) >= QUICK_REPLY_LIMITS.folders)
      throw QuickReplyException.invalid(
        'name',
        `最多 ${QUICK_REPLY_LIMITS.folders} 个话术分组，请先删除不用的分组`,
      );
    const row = await this.repo.insertFolder({ corpId: dto.corpId, ...folderFields(dto) });
    return toFolderDto(row, 0);
  }

  async updateFolder(id: string, dto: QuickReplyFolderBodyDto): Promise<QuickReplyFolderDto> {
    await this.requireFolder(dto.corpId, id);
    await this.repo.updateFolder(dto.corpId, id, folderFields(dto));
    const row = await this.requireFolder(dto.corpId, id);
    return toFolderDto(row, await this.repo.countItems(dto.corpId, id));
  }

  async deleteFolder(corpId: string, id: string): Promise<void> {
    await this.requireFolder(corpId, id);
    await this.repo.deleteFolder(corpId, id);
  }

  async reorderFolders(corpId: string, ids: string[]): Promise<QuickReplyFolderDto[]> {
    const folders = await this.repo.listFolders(corpId);
    requireSameIds(
      folders.map((f) => String(f.id)),
      ids,
    );
    await this.repo.reorder('quick_reply_folder', corpId, ids);
    return this.listFolders(corpId);
  }

  // ------------------------------------------------------------------ console: items

  async listItems(corpId: string, folderId: string): Promise<QuickReplyItemDto[]> {
    await this.requireFolder(corpId, folderId);
    return (await this.repo.listItems(corpId, [folderId])).map(toItemDto);
  }

  async createItem(dto: QuickReplyItemBodyDto): Promise<QuickReplyItemDto> {
    await this.requireFolder(dto.corpId, dto.folderId);
    if ((await this.repo.countItems(dto.corpId, dto.folderId)) >= QUICK_REPLY_LIMITS.itemsPerFolder)
      throw QuickReplyException.invalid(
        'folderId',
        `一个分组最多 ${QUICK_REPLY_LIMITS.itemsPerFolder} 条话术`,
      );
    const fields = await this.itemFields(dto);
    const row = await this.repo.insertItem({
      corpId: dto.corpId,
      folderId: dto.folderId,
      ...fields,
    });
    return toItemDto(row);
  }

  async updateItem(id: string, dto: QuickReplyItemBodyDto): Promise<QuickReplyItemDto> {
    const before = await this.requireItem(dto.corpId, id);
    await this.requireFolder(dto.corpId, dto.folderId);
    const fields = await this.itemFields(dto);
    const moved = String(before.folderId) !== dto.folderId ? dto.folderId : undefined;
    await this.repo.updateItem(dto.corpId, id, { ...fields, folderId: dto.folderId }, moved);
    return toItemDto(await this.requireItem(dto.corpId, id));
  }

  async deleteItem(corpId: string, id: string): Promise<void> {
    await this.requireItem(corpId, id);
    await this.repo.deleteItem(corpId, id);
  }

  async reorderItems(
    corpId: string,
    folderId: string,
    ids: string[],
  ): Promise<QuickReplyItemDto[]> {
    await this.requireFolder(corpId, folderId);
    const items = await this.repo.listItems(corpId, [folderId]);
    requireSameIds(
      items.map((i) => String(i.id)),
      ids,
    );
    await this.repo.reorder('quick_reply_item', corpId, ids);
    return this.listItems(corpId, folderId);
  }

  // ------------------------------------------------------------------ console: settings

  async settings(corpId: string): Promise<QuickReplySettingDto> {
    return { miniprogramAppId: await this.repo.miniprogramAppId(corpId) };
  }

  async updateSettings(corpId: string, appId: string | null): Promise<QuickReplySettingDto> {
    await this.repo.setMiniprogramAppId(corpId, appId);
    return this.settings(corpId);
  }

  // ------------------------------------------------------------------ sidebar

  /** The folders the guide may see, with their items (those matching `q` when given). */
  async forGuide(who: SidebarIdentity, q?: string): Promise<SidebarQuickRepliesDto> {
    const folders = await this.visibleFolders(who);
    const items = await this.repo.listItems(
      who.corpId,
      folders.map((f) => String(f.id)),
    );
    const shown = q ? items.filter((i) => matchesSearch(i, q)).slice(0, SEARCH_RESULTS) : items;
    const byFolder = new Map<string, QuickReplyItemDto[]>();
    for (const i of shown) {
      const list = byFolder.get(String(i.folderId)) ?? [];
      list.push(toItemDto(i));
      byFolder.set(String(i.folderId), list);
    }
    return {
      folders: folders
        .map((f) => ({ id: String(f.id), name: f.name, items: byFolder.get(String(f.id)) ?? [] }))
        .filter((f) => !q || f.items.length > 0),
    };
  }

  /**
   * The sendChatMessage payload of an item the guide may see, and one use counted. An image's
   * media_id is given again by media/upload when the one held is (nearly) 3 days old.
   */
  async use(who: SidebarIdentity, id: string): Promise<QuickReplyUseDto> {
    const item = await this.repo.findItem(who.corpId, id);
    if (!item) throw QuickReplyException.notFound(id);
    const folder = await this.repo.findFolder(who.corpId, String(item.folderId));
    if (!folder || !folderVisibleTo(folder, who.userId, await this.guideDepartments(who)))
      throw QuickReplyException.notFound(id);
    const mediaId =
      item.kind === 'image'
        ? await this.media.ensureMediaId(who.corpId, String(item.assetId))
        : undefined;
    const payload = chatPayload(item, mediaId);
    const useCount = await this.repo.countUse(who.corpId, id, new Date());
    return { payload, useCount };
  }

  private async visibleFolders(who: SidebarIdentity): Promise<QuickReplyFolderEntity[]> {
    const folders = await this.repo.listFolders(who.corpId);
    if (folders.every((f) => f.visibleToAll)) return folders;
    const departments = await this.guideDepartments(who);
    return folders.filter((f) => folderVisibleTo(f, who.userId, departments));
  }

  private async guideDepartments(who: SidebarIdentity): Promise<Set<number>> {
    const [tree, mine] = await Promise.all([
      this.staff.departmentTree(who.corpId),
      this.staff.departmentIdsOf(who.corpId, who.userId),
    ]);
    return departmentsWithAncestors(tree, mine);
  }

  // ------------------------------------------------------------------ helpers

  /** The columns of an item of its kind (the others null), checked against the corp and WeCom. */
  private async itemFields(dto: QuickReplyItemBodyDto): Promise<Partial<QuickReplyItemEntity>> {
    const base = {
      kind: dto.kind,
      title: dto.title.trim(),
      content: null,
      assetId: null,
      url: null,
      description: null,
      coverUrl: null,
      appId: null,
      page: null,
    };
    switch (dto.kind) {
      case 'text':
        return { ...base, content: dto.content! };
      case 'image': {
        const [asset] = await this.media.existing(dto.corpId, [dto.assetId!]);
        if (!asset) throw QuickReplyException.invalid('assetId', `素材 ${dto.assetId} 不存在`);
        if (asset.kind !== 'image')
          throw QuickReplyException.invalid('assetId', '图片话术的素材必须是图片 (JPG/PNG)');
        return { ...base, assetId: asset.id };
      }
      case 'link':
        return {
          ...base,
          url: dto.url!,
          description: dto.description ?? '',
          coverUrl: dto.coverUrl || null,
        };
      case 'miniprogram': {
        const configured = await this.repo.miniprogramAppId(dto.corpId);
        if (!configured)
          throw QuickReplyException.invalid(
            'appId',
            '企业还没有配置小程序 appid（话术库设置），不能添加小程序话术',
          );
        if (dto.appId !== configured)
          throw QuickReplyException.invalid('appId', `appId 必须是企业配置的小程序 ${configured}`);
        if (Buffer.byteLength(dto.title) > QUICK_REPLY_LIMITS.miniprogramTitleBytes)
          throw QuickReplyException.invalid(
            'title',
            `小程序标题最多 ${QUICK_REPLY_LIMITS.miniprogramTitleBytes} 字节（UTF-8，一个汉字 3 字节）`,
          );
        return { ...base, appId: dto.appId, page: dto.page!, coverUrl: dto.coverUrl! };
      }
    }
  }

  private async requireFolder(corpId: string, id: string): Promise<QuickReplyFolderEntity> {
    const folder = await this.repo.findFolder(corpId, id);
    if (!folder) throw QuickReplyException.folderNotFound(id);
    return folder;
  }

  private async requireItem(corpId: string, id: string): Promise<QuickReplyItemEntity> {
    const item = await this.repo.findItem(corpId, id);
    if (!item) throw QuickReplyException.notFound(id);
    return item;
  }
}

function folderFields(dto: QuickReplyFolderBodyDto): Partial<QuickReplyFolderEntity> {
  const departmentIds = dto.visibleToAll ? [] : (dto.departmentIds ?? []);
  const userIds = dto.visibleToAll ? [] : (dto.userIds ?? []);
  if (!dto.visibleToAll && !departmentIds.length && !userIds.length)
    throw QuickReplyException.invalid(
      'departmentIds',
      '不是所有人可见时，请至少选择一个部门或成员',
    );
  return { name: dto.name.trim(), visibleToAll: dto.visibleToAll, departmentIds, userIds };
}

/** A reorder names every row of the list exactly once. */
function requireSameIds(current: string[], ids: string[]): void {
  const have = new Set(current);
  if (ids.length !== have.size || ids.some((id) => !have.has(id)))
    throw QuickReplyException.invalid('ids', 'ids 必须恰好列出这个列表的每一项（不多不少）');
}
