import { Injectable, Logger } from '@nestjs/common';
import { MirrorLock, MirrorLockBusyException } from '../../common/mirror-lock/mirror-lock';
import { CorpTagsClient } from '../../wecom/areas/corp-tags.client';
import type {
  AddCorpTagRequest,
  DelCorpTagRequest,
  EditCorpTagRequest,
} from '../../wecom/areas/corp-tags.types';
import { WecomApiException, WecomErrorCode } from '../../wecom/wecom-api.exception';
import { TagRepository } from '../tag.repository';
import { TagService } from '../tag.service';
import { TAG_RULE_SENTENCES, TagsException } from '../tags.exception';
import { PushOp, TagPushRepository, TagPushRow } from './tag-push.repository';
import {
  checkAddTags,
  checkCreateGroup,
  checkDelete,
  checkEdit,
  checkReorder,
  findTarget,
  hasProblems,
  Library,
  Problems,
  reorderPlan,
} from './tag-rules';

export interface NewTag {
  name: string;
  order?: number;
}

interface Push {
  op: PushOp;
  targetType: 'tag' | 'tag_group';
  targetId: string | null;
  targetName: string;
  request: Record<string, unknown>;
}

export interface LibraryTagView {
  tagId: string;
  name: string;
  sortOrder: number;
  createTime: number;
  createdByApp: boolean;
  /** Why the console may not edit it (WeCom-made), or null. */
  readOnlyReason: string | null;
  markedCustomers: number;
}

export interface LibraryGroupView extends Omit<LibraryTagView, 'tagId' | 'markedCustomers'> {
  groupId: string;
  tags: LibraryTagView[];
}

export interface LibraryView {
  groups: LibraryGroupView[];
  /** Edits that did not reach WeCom yet (retryable) and the last settled ones. */
  pushes: TagPushRow[];
  tagCount: number;
  tagCap: number;
  /** Last time the mirror changed (a sync, a callback or a console edit). */
  lastChangedAt: Date | null;
}

/**
 * The corp tag library, console → WeCom (企业客户标签: add/edit/del_corp_tag). Every change is
 * checked against WeCom's rules on the mirror first (a 400 naming the field), then sent to WeCom,
 * then written to the mirror (API writes produce no callback). WeCom refusing for good (a
 * conflict: the tag was renamed or deleted meanwhile, a name taken in WeCom, 81011) re-reads the
 * library so the mirror ends in WeCom's state. WeCom unreachable or busy: the change is kept in
 * the push log (tag_push, shown in the console) and retried from there.
 */
@Injectable()
export class TagLibraryService {
  private readonly logger = new Logger(TagLibraryService.name);

  constructor(
    private readonly repo: TagRepository,
    private readonly pushes: TagPushRepository,
    private readonly corpTags: CorpTagsClient,
    private readonly tags: TagService,
    private readonly lock: MirrorLock,
  ) {}

  async library(corpId: string): Promise<Library> {
    const [groups, tags] = await Promise.all([
      this.repo.listGroups(corpId),
      this.repo.listTags(corpId),
    ]);
    return {
      groups: groups.map((g) => ({
        groupId: g.groupId,
        name: g.name,
        sortOrder: g.sortOrder,
        createdByApp: !!g.createdByApp,
      })),
      tags: tags.map((t) => ({
        tagId: t.tagId,
        groupId: t.groupId,
        name: t.name,
        sortOrder: t.sortOrder,
        createdByApp: !!t.createdByApp,
      })),
    };
  }

  async view(corpId: string): Promise<LibraryView> {
    const [groups, tags, counts, pushes] = await Promise.all([
      this.repo.listGroups(corpId),
      this.repo.listTags(corpId),
      this.repo.markedCustomerCounts(corpId),
      this.pushes.list(corpId, undefined, 50),
    ]);
    const reason = (own: boolean) => (own ? null : TAG_RULE_SENTENCES.notByApp);
    const stamps = [...groups, ...tags].map((x) => x.updatedAt?.getTime() ?? 0);
    return {
      groups: groups.map((g) => ({
        groupId: g.groupId,
        name: g.name,
        sortOrder: g.sortOrder,
        createTime: g.createTime,
        createdByApp: !!g.createdByApp,
        readOnlyReason: reason(!!g.createdByApp),
        tags: tags
          .filter((t) => t.groupId === g.groupId)
          .map((t) => ({
            tagId: t.tagId,
            name: t.name,
            sortOrder: t.sortOrder,
            createTime: t.createTime,
            createdByApp: !!t.createdByApp,
            readOnlyReason: reason(!!t.createdByApp),
            markedCustomers: counts.get(t.tagId) ?? 0,
          })),
      })),
      pushes,
      tagCount: tags.length,
      tagCap: 3000,
      lastChangedAt: stamps.length ? new Date(Math.max(...stamps)) : null,
    };
  }

  /** A new group with its first tags (WeCom creates a group only with a tag). */
  async createGroup(
    corpId: string,
    input: { name: string; order?: number; tags: NewTag[] },
    actor: string | null,
  ): Promise<{ groupId: string; tagIds: string[] }> {
    const lib = await this.library(corpId);
    refuse(
      checkCreateGroup(
        lib,
        input.name,
        input.tags.map((t) => t.name),
      ),
    );
    const request: AddCorpTagRequest = {
      group_name: input.name,
      ...(input.order !== undefined ? { order: input.order } : {}),
      // shown as listed: WeCom sorts larger order first (ties by create_time, all the same here)
      tag: input.tags.map((t, i) => ({ name: t.name, order: t.order ?? input.tags.length - i })),
    };
    const push: Push = {
      op: 'create',
      targetType: 'tag_group',
      targetId: null,
      targetName: input.name,
      request: { ...request },
    };
    return (await this.send(corpId, push, actor)) as { groupId: string; tagIds: string[] };
  }

  async addTags(
    corpId: string,
    groupId: string,
    tags: NewTag[],
    actor: string | null,
  ): Promise<{ groupId: string; tagIds: string[] }> {
    const lib = await this.library(corpId);
    refuse(
      checkAddTags(
        lib,
        groupId,
        tags.map((t) => t.name),
      ),
    );
    const request: AddCorpTagRequest = {
      group_id: groupId,
      tag: tags.map((t) => ({
        name: t.name,
        ...(t.order !== undefined ? { order: t.order } : {}),
      })),
    };
    const push: Push = {
      op: 'create',
      targetType: 'tag',
      targetId: null,
      targetName: tags.map((t) => t.name).join('、'),
      request: { ...request },
    };
    return (await this.send(corpId, push, actor)) as { groupId: string; tagIds: string[] };
  }

  /** Rename and/or reorder one tag or group. */
  async edit(
    corpId: string,
    id: string,
    edit: { name?: string; order?: number },
    actor: string | null,
  ): Promise<void> {
    const lib = await this.library(corpId);
    refuse(checkEdit(lib, id, edit));
    const target = findTarget(lib, id)!;
    const request: EditCorpTagRequest = { id, ...edit };
    await this.send(
      corpId,
      {
        op: edit.name !== undefined ? 'rename' : 'reorder',
        targetType: target.type,
        targetId: id,
        targetName: target.type === 'tag' ? target.tag.name : target.group.name,
        request: { ...request },
      },
      actor,
    );
  }

  /** Drag to reorder a group's tags (`groupId`) or the groups (no groupId): top first. */
  async reorder(
    corpId: string,
    ids: string[],
    groupId: string | null,
    actor: string | null,
  ): Promise<{ changed: number }> {
    const lib = await this.library(corpId);
    const items = groupId
      ? lib.tags.filter((t) => t.groupId === groupId).map((t) => ({ id: t.tagId, ...t }))
      : lib.groups.map((g) => ({ id: g.groupId, ...g }));
    if (groupId && !lib.groups.some((g) => g.groupId === groupId))
      refuse({ groupId: [TAG_RULE_SENTENCES.unknownTag] });
    refuse(
      checkReorder(
        items.map((i) => i.id),
        ids,
        'ids',
      ),
    );
    const plan = reorderPlan(items, (i) => i.id, ids);
    const problems: Problems = {};
    for (const { id } of plan) {
      const item = items.find((i) => i.id === id)!;
      if (!item.createdByApp)
        (problems.ids ??= []).push(`「${item.name}」：${TAG_RULE_SENTENCES.notByApp}`);
    }
    refuse(problems);
    for (const { id, order } of plan) {
      const item = items.find((i) => i.id === id)!;
      await this.send(
        corpId,
        {
          op: 'reorder',
          targetType: groupId ? 'tag' : 'tag_group',
          targetId: id,
          targetName: item.name,
          request: { id, order },
        },
        actor,
      );
    }
    return { changed: plan.length };
  }

  /** Deletes tags and groups; a group whose every tag goes is deleted by WeCom too. */
  async remove(
    corpId: string,
    input: { tagIds: string[]; groupIds: string[] },
    actor: string | null,
  ): Promise<{ deletedGroupIds: string[] }> {
    const lib = await this.library(corpId);
    const { problems, emptiedGroupIds } = checkDelete(lib, input.tagIds, input.groupIds);
    refuse(problems);
    const request: DelCorpTagRequest = {
      ...(input.tagIds.length ? { tag_id: input.tagIds } : {}),
      ...(input.groupIds.length ? { group_id: input.groupIds } : {}),
    };
    const names = [
      ...lib.groups.filter((g) => input.groupIds.includes(g.groupId)).map((g) => g.name),
      ...lib.tags.filter((t) => input.tagIds.includes(t.tagId)).map((t) => t.name),
    ];
    await this.send(
      corpId,
      {
        op: 'delete',
        targetType: input.groupIds.length ? 'tag_group' : 'tag',
        targetId: input.groupIds[0] ?? input.tagIds[0] ?? null,
        targetName: names.join('、'),
        request: { ...request },
      },
      actor,
    );
    return { deletedGroupIds: [...input.groupIds, ...emptiedGroupIds] };
  }

  listPushes(corpId: string): Promise<TagPushRow[]> {
    return this.pushes.list(corpId);
  }

  /** Sends a failed push again (the rules are WeCom's to judge now: it may have moved on). */
  async retryPush(corpId: string, pushId: string): Promise<TagPushRow> {
    const push = await this.pushes.get(corpId, pushId);
    if (!push) throw TagsException.notFound(`push ${pushId}`);
    if (push.state !== 'failed') return push;
    await this.send(corpId, push, push.actor, pushId);
    return (await this.pushes.get(corpId, pushId))!;
  }

  /** Re-reads the whole library from WeCom (the console's 「从企业微信同步」). */
  sync(corpId: string): Promise<{ groups: number; tags: number }> {
    return this.tags.refreshAll(corpId);
  }

  // ----------------------------------------------------------------------------- WeCom, mirror

  private async send(
    corpId: string,
    push: Push,
    actor: string | null,
    pushId?: string,
  ): Promise<unknown> {
    try {
      const out = await this.lock.run(`tags:${corpId}`, () => this.apply(corpId, push));
      if (pushId) await this.pushes.settle(pushId, 'done');
      return out;
    } catch (err) {
      if (
        err instanceof WecomApiException &&
        !err.isRetryable &&
        err.code === WecomErrorCode.ApiError
      ) {
        // Refused for good (a conflict): WeCom's state wins in the mirror.
        if (err.errcode === 81011 && push.targetId)
          await this.repo.markNotByApp(corpId, push.targetId);
        await this.tags
          .refreshAll(corpId)
          .catch((e: Error) => this.logger.warn({ corpId, err: e.message }, 'tag re-read failed'));
        if (pushId)
          await this.pushes.settle(pushId, 'dropped', { errcode: err.errcode, error: err.message });
        throw TagsException.wecomRefused(err);
      }
      if (err instanceof WecomApiException || err instanceof MirrorLockBusyException) {
        const errcode = err instanceof WecomApiException ? err.errcode : null;
        const id =
          pushId ??
          (await this.pushes.insert({ corpId, ...push, errcode, error: err.message, actor }));
        if (pushId) await this.pushes.settle(pushId, 'failed', { errcode, error: err.message });
        this.logger.warn({ corpId, pushId: id, op: push.op, errcode }, 'tag push failed, kept');
        throw TagsException.pushFailed(err, id);
      }
      throw err;
    }
  }

  /** One WeCom write, then the mirror (API writes produce no change_external_tag). */
  private async apply(corpId: string, push: Push): Promise<unknown> {
    switch (push.op) {
      case 'create': {
        const req = push.request as unknown as AddCorpTagRequest;
        const known = req.group_id ? null : await this.repo.listGroups(corpId);
        const { tag_group: g } = await this.corpTags.addCorpTag(corpId, req);
        const newGroup = !!known && !known.some((k) => k.groupId === g.group_id);
        await this.repo.upsertGroups(corpId, [
          {
            groupId: g.group_id,
            name: g.group_name,
            sortOrder: g.order ?? 0,
            createTime: g.create_time ?? 0,
            createdByApp: newGroup,
          },
        ]);
        await this.repo.upsertTags(
          corpId,
          (g.tag ?? []).map((t) => ({
            tagId: t.id,
            groupId: g.group_id,
            name: t.name,
            sortOrder: t.order ?? 0,
            createTime: t.create_time ?? 0,
            createdByApp: true,
          })),
        );
        return { groupId: g.group_id, tagIds: (g.tag ?? []).map((t) => t.id) };
      }
      case 'rename':
      case 'reorder': {
        const req = push.request as unknown as EditCorpTagRequest;
        await this.corpTags.editCorpTag(corpId, req);
        await this.repo.edit(corpId, push.targetType, req.id, { name: req.name, order: req.order });
        return undefined;
      }
      case 'delete': {
        const req = push.request as unknown as DelCorpTagRequest;
        await this.corpTags.deleteCorpTag(corpId, req);
        const groupIds = req.group_id ?? [];
        await this.repo.markTagsDeleted(corpId, req.tag_id ?? []);
        if (groupIds.length) {
          await this.repo.markGroupsDeleted(corpId, groupIds);
          await this.repo.markTagsDeleted(corpId, [], 'except', groupIds);
        }
        // A group left without a tag is gone in WeCom too.
        const live = new Set((await this.repo.listTags(corpId)).map((t) => t.groupId));
        const empty = (await this.repo.listGroups(corpId)).filter((g) => !live.has(g.groupId));
        await this.repo.markGroupsDeleted(
          corpId,
          empty.map((g) => g.groupId),
        );
        return undefined;
      }
    }
  }
}

function refuse(problems: Problems): void {
  if (hasProblems(problems)) throw TagsException.rule(problems);
}
