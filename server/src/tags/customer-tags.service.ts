import { Injectable, NotFoundException } from '@nestjs/common';
import { CustomersService } from '../customers/customers.service';
import { MarkResult, TagMarkService, TagSource } from './tag-mark.service';
import type { TagMarkView } from './tag-mark.repository';
import { TagService } from './tag.service';
import { TagsException } from './tags.exception';

export interface CustomerTagChange {
  /** One staff relation; omitted: every active relation of the customer. */
  userId?: string;
  addTagIds: string[];
  removeTagIds: string[];
}

/**
 * Marking tags on one customer by hand: the console's and the sidebar's one method. WeCom keeps
 * marks per relation (staff × customer), so a change goes to one staff member's relation or to
 * every active one of the customer; through TagMarkService (WeCom, mirror, timeline).
 */
@Injectable()
export class CustomerTagsService {
  constructor(
    private readonly marks: TagMarkService,
    private readonly tags: TagService,
    private readonly customers: CustomersService,
  ) {}

  async change(
    corpId: string,
    externalUserId: string,
    change: CustomerTagChange,
    who: { actor: string | null; via: 'console' | 'sidebar' },
  ): Promise<MarkResult & { marks: TagMarkView[] }> {
    const tagIds = [...change.addTagIds, ...change.removeTagIds];
    if (!tagIds.length)
      throw TagsException.rule({ addTagIds: ['请至少选择一个要添加或移除的标签'] });
    const known = await this.tags.knownTagIds(corpId, change.addTagIds);
    const unknown = change.addTagIds.filter((t) => known && !known.has(t));
    if (unknown.length)
      throw TagsException.rule({
        addTagIds: [`标签不存在或已在企业微信中删除：${unknown.join('、')}`],
      });
    const relations = (await this.customers.activeRelations(corpId, [externalUserId])).filter(
      (r) => !change.userId || r.userId === change.userId,
    );
    if (!relations.length)
      throw new NotFoundException(
        change.userId
          ? `客户 ${externalUserId} 与员工 ${change.userId} 没有有效的好友关系`
          : `客户 ${externalUserId} 没有有效的好友关系`,
      );
    const result = await this.marks.change({
      corpId,
      relations,
      addTagIds: change.addTagIds,
      removeTagIds: change.removeTagIds,
      source: TagSource.Manual,
      actor: who.actor,
      evidence: { via: who.via },
      ref: `${who.via}:${Date.now()}`,
    });
    return { ...result, marks: await this.marks.findForCustomer(corpId, externalUserId) };
  }
}
