import { Injectable } from '@nestjs/common';
import { pairKey } from '../../customers/customer-mirror.rules';
import type { MirrorTx } from '../../customers/mirror-transaction.repository';
import type {
  AddAttribution,
  AddToAttribute,
  RelationAttribution,
} from '../../customers/relation-attribution';
import { StaffService } from '../../staff/staff.service';
import { ChannelRepository } from '../channel.repository';
import { isChannelState } from '../channel-state';
import { channelRemark } from '../welcome/channel-welcome.service';

/**
 * Channels' side of the customers mirror's processing of an add (RelationAttribution): the add
 * with a channel's State belongs to the channel. In the mirror's transaction it journals the add
 * (the same row the welcome job claims, whichever comes first) and tells the mirror the channel,
 * its tags and the remark its template gives, which the mirror writes with the relation.
 */
@Injectable()
export class ChannelAttributionService implements RelationAttribution {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly staff: StaffService,
  ) {}

  async attribute(
    tx: MirrorTx,
    corpId: string,
    adds: AddToAttribute[],
  ): Promise<Map<string, AddAttribution>> {
    const out = new Map<string, AddAttribution>();
    const ours = adds.filter((a) => isChannelState(a.state));
    if (!ours.length) return out;
    const now = new Date();
    let staffNames: Map<string, string> | null = null;
    for (const a of ours) {
      const channel = await this.channels.findByStateCached(corpId, a.state);
      if (!channel) continue;
      if (channel.remarkTemplate && /\{\{\s*staff/.test(channel.remarkTemplate))
        staffNames ??= await this.staff.names(
          corpId,
          ours.map((x) => x.userId),
        );
      const addId = await this.channels.attributeAdd(
        tx,
        {
          corpId,
          channelId: channel.id,
          userId: a.userId,
          externalUserId: a.externalUserId,
          addKey: a.welcomeCode ?? `t${a.createTime}`,
          changeType: a.changeType.slice(0, 32),
          eventId: a.eventId,
          eventTime: new Date(a.createTime * 1000),
          receivedAt: a.receivedAt,
        },
        now,
      );
      out.set(pairKey(a.externalUserId, a.userId), {
        channelId: channel.id,
        channelName: channel.name,
        tagIds: channel.tagIds,
        remark: channelRemark(channel, {
          name: a.customerName,
          staff: staffNames?.get(a.userId) ?? null,
        }),
        dedupeKey: `channel-add:${addId}`,
      });
    }
    return out;
  }
}
