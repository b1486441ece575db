import { Injectable } from '@nestjs/common';
import { InboxEvent, OnWecomEvent } from '../callbacks/callback-event-handler.registry';
import { Event, ExternalTagEvent } from '../wecom/events/wecom-event';
import { MirrorLock } from '../common/mirror-lock/mirror-lock';
import { CorpTagsClient } from '../wecom/areas/corp-tags.client';
import type { CorpTagGroup } from '../wecom/areas/corp-tags.types';
import { TagGroupResponseDto, toTagGroupResponse } from './dto/tag.dto';
import { TagGroupRow, TagRepository, TagRow } from './tag.repository';

/** Groups and tags WeCom lists as live (some answers carry `deleted: true` entries). */
export function liveTagRows(list: CorpTagGroup[]): { groups: TagGroupRow[]; tags: TagRow[] } {
  const groups: TagGroupRow[] = [];
  const tags: TagRow[] = [];
  for (const g of list) {
    if (g.deleted) continue;
    groups.push({
      groupId: g.group_id,
      name: g.group_name,
      sortOrder: g.order ?? 0,
      createTime: g.create_time ?? 0,
    });
    for (const t of g.tag ?? []) {
      if (t.deleted) continue;
      tags.push({
        tagId: t.id,
        groupId: g.group_id,
        name: t.name,
        sortOrder: t.order ?? 0,
        createTime: t.create_time ?? 0,
      });
    }
  }
  return { groups, tags };
}

/**
 * The corp tag mirror. Every change_external_tag event re-reads what it names from WeCom under
 * the corp's tag lock, so duplicates and out-of-order events converge to WeCom's state.
 */
@Injectable()
export class TagService {
  constructor(
    private readonly repo: TagRepository,
    private readonly corpTags: CorpTagsClient,
    private readonly lock: MirrorLock,
  ) {}

  @OnWecomEvent(Event.ChangeExternalTag)
  async handleTagEvent(event: InboxEvent<ExternalTagEvent>): Promise<void> {
    const corpId = event.corpId;
    const id = typeof event.payload.Id === 'string' ? event.payload.Id : '';
    const tagType = 'TagType' in event.payload ? event.payload.TagType : undefined;
    await this.lock.run(`tags:${corpId}`, async () => {
      if (event.changeType === 'shuffle' || !id || (tagType !== 'tag' && tagType !== 'tag_group'))
        await this.applyAll(corpId);
      else if (tagType === 'tag_group') await this.refreshGroup(corpId, id);
      else await this.refreshTag(corpId, id);
    });
  }

  /** The whole tag library from WeCom; what it no longer lists is marked deleted. */
  refreshAll(corpId: string): Promise<{ groups: number; tags: number }> {
    return this.lock.run(`tags:${corpId}`, () => this.applyAll(corpId));
  }

  /** Tag names by id (deleted tags too). */
  tagNames(corpId: string, tagIds: string[]): Promise<Map<string, string>> {
    return this.repo.tagNames(corpId, tagIds);
  }

  /** The live tag ids among `tagIds`; null when the corp's tag mirror is still empty. */
  async knownTagIds(corpId: string, tagIds: string[]): Promise<Set<string> | null> {
    if (!(await this.repo.hasAnyTag(corpId))) return null;
    return new Set((await this.repo.findTags(corpId, tagIds)).map((t) => t.tagId));
  }

  async listGroupsWithTags(corpId: string): Promise<TagGroupResponseDto[]> {
    const [groups, tags] = await Promise.all([
      this.repo.listGroups(corpId),
      this.repo.listTags(corpId),
    ]);
    return groups.map((g) => toTagGroupResponse(g, tags));
  }

  private async applyAll(corpId: string): Promise<{ groups: number; tags: number }> {
    const { tag_group } = await this.corpTags.getCorpTagList(corpId);
    const { groups, tags } = liveTagRows(tag_group ?? []);
    await this.repo.upsertGroups(corpId, groups);
    await this.repo.upsertTags(corpId, tags);
    await this.repo.markGroupsDeleted(
      corpId,
      groups.map((g) => g.groupId),
      'except',
    );
    await this.repo.markTagsDeleted(
      corpId,
      tags.map((t) => t.tagId),
      'except',
    );
    return { groups: groups.length, tags: tags.length };
  }

  private async refreshGroup(corpId: string, groupId: string): Promise<void> {
    const { tag_group } = await this.corpTags.getCorpTagList(corpId, { group_id: [groupId] });
    const { groups, tags } = liveTagRows((tag_group ?? []).filter((g) => g.group_id === groupId));
    if (!groups.length) {
      await this.repo.markGroupsDeleted(corpId, [groupId]);
      await this.repo.markTagsDeleted(corpId, [], 'except', [groupId]);
      return;
    }
    await this.repo.upsertGroups(corpId, groups);
    await this.repo.upsertTags(corpId, tags);
    await this.repo.markTagsDeleted(
      corpId,
      tags.map((t) => t.tagId),
      'except',
      [groupId],
    );
  }

  private async refreshTag(corpId: string, tagId: string): Promise<void> {
    const { tag_group } = await this.corpTags.getCorpTagList(corpId, { tag_id: [tagId] });
    const { groups, tags } = liveTagRows(tag_group ?? []);
    const tag = tags.find((t) => t.tagId === tagId);
    if (!tag) {
      await this.repo.markTagsDeleted(corpId, [tagId]);
      return;
    }
    await this.repo.upsertGroups(
      corpId,
      groups.filter((g) => g.groupId === tag.groupId),
    );
    await this.repo.upsertTags(corpId, [tag]);
  }
}
