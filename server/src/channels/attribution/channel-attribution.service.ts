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
 * with a channel's State belongs to the channel. In the mirror's transaction it tells the mirror
 * the channel, its tags and the remark its template gives, which the mirror writes with the
 * relation; after the commit it journals the add as attributed (the same `channel_add` row the
 * welcome job claims, whichever comes first).
 */
@Injectable()
export class ChannelAttributionService implements RelationAttribution {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly staff: StaffService,
  ) {}

  async attribute(
    _tx: MirrorTx,
    corpId: string,
    adds: AddToAttribute[],
  ): Promise<Map<string, AddAttribution>> {
    const out = new Map<string, AddAttribution>();
    const ours = adds.filter((a) => isChannelState(a.state));
    if (!ours.length) return out;
    let staffNames: Map<string, string> | null = null;
    for (const a of ours) {
      const channel = await this.channels.findByStateCached(corpId, a.state);
      if (!channel) continue;
      if (channel.remarkTemplate && /\{\{\s*staff/.test(channel.remarkTemplate))
        staffNames ??= await this.staff.names(
          corpId,
          ours.map((x) => x.userId),
        );
      out.set(pairKey(a.externalUserId, a.userId), {
        add: a,
        channelId: channel.id,
        channelName: channel.name,
        tagIds: channel.tagIds,
        remark: channelRemark(channel, {
          name: a.customerName,
          staff: staffNames?.get(a.userId) ?? null,
        }),
        dedupeKey: `channel-added:${a.externalUserId}:${a.userId}:${addKey(a)}`,
      });
    }
    return out;
  }

  /**
   * The add's journal row says it is attributed (created here when the welcome job has not
   * claimed it yet: the same unique key). After the mirror's commit, so that the welcome job's
   * claim never waits for the mirror's transaction.
   */
  async committed(corpId: string, attributed: AddAttribution[]): Promise<void> {
    const now = new Date();
    for (const a of attributed)
      await this.channels.attributeAdd(
        {
          corpId,
          channelId: a.channelId,
          userId: a.add.userId,
          externalUserId: a.add.externalUserId,
          addKey: addKey(a.add),
          changeType: a.add.changeType.slice(0, 32),
          eventId: a.add.eventId,
          eventTime: new Date(a.add.createTime * 1000),
          receivedAt: a.add.receivedAt,
        },
        now,
      );
  }
}

/** The journal's add key: the welcome code, else the CreateTime (as the welcome job claims it). */
const addKey = (a: AddToAttribute) => a.welcomeCode ?? `t${a.createTime}`;
