import { Injectable, Logger } from '@nestjs/common';
import type { CallbackEventHandler } from '../callbacks/callback-event-handler.registry';
import type { CallbackEventEntity } from '../callbacks/entities/callback-event.entity';
import { WecomApiException, WecomErrcode } from '../wecom/wecom-api.exception';
import { WecomClient } from '../wecom/wecom-client';
import {
  CustomerSnapshot,
  TimelineKind,
  deleteStatus,
  emptySnapshot,
  fromUnix,
  snapshotFromDetail,
  timelineKindFor,
} from './customer-mirror.rules';
import { CustomerMirrorService } from './customer-mirror.service';

export const CUSTOMER_EVENT = 'change_external_contact';
export const CUSTOMER_CHANGE_TYPES = [
  'add_external_contact',
  'add_half_external_contact',
  'edit_external_contact',
  'del_external_contact',
  'del_follow_user',
  'transfer_fail',
];

/** 84061 "not external contact"; 40096 "invalid external_userid": WeCom has no relation left. */
const NO_RELATION_ERRCODES = new Set<number>([WecomErrcode.NotExternalContact, 40096]);

/**
 * change_external_contact events. Adds and edits re-fetch the customer from WeCom and apply it as
 * a snapshot at the event's CreateTime (WeCom's current state wins, but never over a newer event);
 * deletes apply the event itself; transfer_fail only goes on the timeline. Idempotent: a replay
 * rewrites the same values, and timeline entries are keyed `<eventId>:<kind>`.
 */
@Injectable()
export class CustomerEventHandler implements CallbackEventHandler {
  private readonly logger = new Logger(CustomerEventHandler.name);

  constructor(
    private readonly mirror: CustomerMirrorService,
    private readonly wecom: WecomClient,
  ) {}

  async handle(event: CallbackEventEntity): Promise<void> {
    const p = event.payload ?? {};
    const userId = str(p.UserID);
    const externalUserId = str(p.ExternalUserID);
    if (!userId || !externalUserId) {
      this.logger.warn(
        { corpId: event.corpId, eventId: event.id, changeType: event.changeType },
        'customer event without UserID or ExternalUserID: ignored',
      );
      return;
    }
    const at = Number(event.createTime);
    const ref = String(event.id);
    switch (event.changeType) {
      case 'add_external_contact':
      case 'add_half_external_contact': {
        const state = str(p.State) || null;
        const snapshot = await this.fetch(event, externalUserId);
        const follow = snapshot.follows.find((f) => f.userId === userId);
        await this.mirror.applyPlanned(
          event.corpId,
          [snapshot],
          at,
          { kind: 'event', ref },
          {
            ensure: { externalUserId, userId, state, at },
            timeline: [
              {
                externalUserId,
                userId,
                kind: TimelineKind.Added,
                detail: {
                  state,
                  addWay: follow?.addWay ?? null,
                  operUserId: follow?.operUserId ?? null,
                  half: event.changeType === 'add_half_external_contact',
                },
                occurredAt: fromUnix(at),
                dedupeKey: `${ref}:${TimelineKind.Added}`,
              },
            ],
          },
        );
        return;
      }
      case 'edit_external_contact': {
        const snapshot = await this.fetch(event, externalUserId);
        await this.mirror.applyPlanned(event.corpId, [snapshot], at, { kind: 'event', ref });
        return;
      }
      case 'del_external_contact':
      case 'del_follow_user': {
        const status = deleteStatus(event.changeType, p.Source);
        const kind = timelineKindFor(status);
        await this.mirror.applyDelete(
          event.corpId,
          { externalUserId, userId, status, at },
          {
            externalUserId,
            userId,
            kind,
            detail: p.Source ? { source: str(p.Source) } : null,
            occurredAt: fromUnix(at),
            dedupeKey: `${ref}:${kind}`,
          },
        );
        return;
      }
      case 'transfer_fail':
        // UserID is the takeover member; the relation stays with the original member.
        await this.mirror.recordTimeline(event.corpId, {
          externalUserId,
          userId,
          kind: TimelineKind.TransferFailed,
          detail: { takeoverUserId: userId, failReason: str(p.FailReason) || null },
          occurredAt: fromUnix(at),
          dedupeKey: `${ref}:${TimelineKind.TransferFailed}`,
        });
        return;
      default:
        return;
    }
  }

  /**
   * The customer as WeCom has it now; "no relation left" is an empty complete snapshot. A read
   * that started after the event arrived is as good as a new one (RecentReads): a backlog of
   * edits of one customer costs one call, and the welcome job's read of an add is reused.
   */
  private async fetch(
    event: CallbackEventEntity,
    externalUserId: string,
  ): Promise<CustomerSnapshot> {
    try {
      const detail = await this.wecom.getExternalContact(event.corpId, externalUserId, {
        freshSince: new Date(event.receivedAt ?? Date.now()).getTime(),
      });
      return snapshotFromDetail(detail);
    } catch (err) {
      if (err instanceof WecomApiException && NO_RELATION_ERRCODES.has(err.errcode))
        return emptySnapshot(externalUserId);
      throw err;
    }
  }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}
