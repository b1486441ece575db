import { Injectable, Logger } from '@nestjs/common';
import {
  CallbackEventHandler,
  InboxEvent,
  OnWecomEvent,
  OnWecomEventBatch,
} from '../callbacks/callback-event-handler.registry';
import {
  ChangeType,
  Event,
  ExternalContactEventFields,
  WecomEventOf,
} from '../wecom/events/wecom-event';
import { WecomApiException, WecomErrcode } from '../wecom/wecom-api.exception';
import { ExternalContactsClient } from '../wecom/areas/external-contacts.client';
import { groupBy } from '../common/collections';
import { forEachLimit } from '../common/concurrency';
import {
  CustomerSnapshot,
  MirrorStep,
  TimelineKind,
  deleteStatus,
  emptySnapshot,
  fromUnix,
  snapshotFromDetail,
  timelineKindFor,
} from './customer-mirror.rules';
import { CustomerMirrorService } from './customer-mirror.service';
import { DomainEventBus } from '../events/domain-event-bus';
import type { TimelineEntry } from './customer-timeline.entries';

export const CUSTOMER_CHANGE_TYPES = [
  ChangeType.AddExternalContact,
  ChangeType.AddHalfExternalContact,
  ChangeType.EditExternalContact,
  ChangeType.DelExternalContact,
  ChangeType.DelFollowUser,
  ChangeType.TransferFail,
] as const;
export type CustomerEvent = WecomEventOf<
  Event.ChangeExternalContact,
  (typeof CUSTOMER_CHANGE_TYPES)[number]
>;
/** A customer event as the inbox hands it over. */
type CustomerInboxEvent = InboxEvent<CustomerEvent>;

/** Customers read from WeCom at once by one batch (each read is one `externalcontact/get`). */
const READ_CONCURRENCY = 64;

/** 84061 "not external contact"; 40096 "invalid external_userid": WeCom has no relation left. */
const NO_RELATION_ERRCODES = new Set<number>([WecomErrcode.NotExternalContact, 40096]);

/**
 * change_external_contact events. Adds and edits re-fetch the customer from WeCom and apply it as
 * a snapshot at the event's CreateTime (WeCom's current state wins, but never over a newer event);
 * deletes apply the event itself; transfer_fail only goes on the timeline. Idempotent: a replay
 * rewrites the same values, and timeline entries are keyed `<eventId>:<kind>`.
 */
@Injectable()
export class CustomerEventHandler implements CallbackEventHandler<CustomerEvent> {
  private readonly logger = new Logger(CustomerEventHandler.name);

  constructor(
    private readonly mirror: CustomerMirrorService,
    private readonly externalContacts: ExternalContactsClient,
    private readonly events: DomainEventBus,
  ) {}

  @OnWecomEvent(Event.ChangeExternalContact, ...CUSTOMER_CHANGE_TYPES)
  async handle(event: CustomerInboxEvent): Promise<void> {
    const failed = await this.handleBatch([event]);
    const err = failed.get(event.id);
    if (err) throw err;
  }

  /**
   * Many events (a batch of the inbox): one WeCom read per customer for all its adds and edits
   * (read after the newest of them arrived), then each corp's events in one transaction, applied
   * per customer in CreateTime order. Returns the events that failed (their customer's read
   * failed, or their corp's transaction did); the others are done.
   */
  @OnWecomEventBatch(Event.ChangeExternalContact, ...CUSTOMER_CHANGE_TYPES)
  async handleBatch(events: CustomerInboxEvent[]): Promise<Map<string, Error>> {
    const failed = new Map<string, Error>();
    const valid = events.filter((e) => {
      const ok = !!str(e.payload?.UserID) && !!str(e.payload?.ExternalUserID);
      if (!ok)
        this.logger.warn(
          { corpId: e.corpId, eventId: e.id, changeType: e.changeType },
          'customer event without UserID or ExternalUserID: ignored',
        );
      return ok;
    });
    const snapshots = await this.readCustomers(valid.filter(needsRead));
    for (const [corpId, corpEvents] of groupBy(valid, (e) => e.corpId)) {
      const steps: MirrorStep[] = [];
      const applied: CustomerInboxEvent[] = [];
      for (const event of corpEvents.sort(byCreateTime)) {
        const snapshot = needsRead(event) ? snapshots.get(readKey(event)) : undefined;
        if (snapshot instanceof Error) {
          failed.set(event.id, snapshot);
          continue;
        }
        const step = toStep(event, snapshot);
        if (step) steps.push(step);
        applied.push(event);
      }
      if (!steps.length) continue;
      try {
        await this.mirror.applySteps(corpId, steps);
      } catch (err) {
        for (const e of applied) failed.set(e.id, err as Error);
        continue;
      }
      // transfers/ matches each transfer_fail to its handover (a replay finds it final already)
      await this.events
        .emitAll(
          'CustomerTransferFailed',
          applied
            .filter((e) => e.changeType === 'transfer_fail')
            .map((e) => ({
              corpId,
              externalUserId: str(e.payload.ExternalUserID),
              takeoverUserId: str(e.payload.UserID),
              failReason: str((e.payload as { FailReason?: unknown }).FailReason) || null,
              at: new Date(Number(e.createTime) * 1000),
            })),
        )
        .catch((err: Error) => {
          for (const e of applied) if (e.changeType === 'transfer_fail') failed.set(e.id, err);
        });
    }
    return failed;
  }

  /** One read per customer (per corp) of the events that need one; an error stands for its read. */
  private async readCustomers(
    events: CustomerInboxEvent[],
  ): Promise<Map<string, CustomerSnapshot | Error>> {
    const newest = new Map<string, CustomerInboxEvent>();
    for (const e of events) {
      const prev = newest.get(readKey(e));
      if (!prev || receivedMs(e) > receivedMs(prev)) newest.set(readKey(e), e);
    }
    const out = new Map<string, CustomerSnapshot | Error>();
    await forEachLimit([...newest], READ_CONCURRENCY, async ([key, e]) => {
      out.set(key, await this.fetch(e, str(e.payload.ExternalUserID)).catch((err: Error) => err));
    });
    return out;
  }

  /**
   * The customer as WeCom has it now; "no relation left" is an empty complete snapshot. A read
   * that started after the event arrived is as good as a new one (RecentReads): a backlog of
   * edits of one customer costs one call, and the welcome job's read of an add is reused.
   */
  private async fetch(
    event: CustomerInboxEvent,
    externalUserId: string,
  ): Promise<CustomerSnapshot> {
    try {
      const detail = await this.externalContacts.getExternalContact(event.corpId, externalUserId, {
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

const needsRead = (e: CustomerInboxEvent) =>
  e.changeType === 'add_external_contact' ||
  e.changeType === 'add_half_external_contact' ||
  e.changeType === 'edit_external_contact';

const readKey = (e: CustomerInboxEvent) => `${e.corpId}\u0000${str(e.payload.ExternalUserID)}`;

const receivedMs = (e: CustomerInboxEvent) => new Date(e.receivedAt ?? Date.now()).getTime();

const byCreateTime = (a: CustomerInboxEvent, b: CustomerInboxEvent) =>
  Number(a.createTime) - Number(b.createTime) || Number(a.id) - Number(b.id);

/**
 * What one event does to its customer. Adds and edits apply the customer as WeCom has it (read
 * after the event arrived) at the event's CreateTime: WeCom's current state wins, but never over
 * a newer event; deletes apply the event itself; transfer_fail only goes on the timeline.
 * Timeline entries are keyed `<eventId>:<kind>`, so a replay adds none.
 */
function toStep(
  event: CustomerInboxEvent,
  snapshot: CustomerSnapshot | undefined,
): MirrorStep | null {
  const p: ExternalContactEventFields = event.payload;
  const userId = str(p.UserID);
  const externalUserId = str(p.ExternalUserID);
  const at = Number(event.createTime);
  const ref = String(event.id);
  switch (event.changeType) {
    case 'add_external_contact':
    case 'add_half_external_contact': {
      if (!snapshot) return null;
      const state = str(p.State) || null;
      const follow = snapshot.follows.find((f) => f.userId === userId);
      return {
        kind: 'snapshot',
        snapshot,
        at,
        ref,
        ensure: { externalUserId, userId, state, at },
        add: state
          ? {
              externalUserId,
              userId,
              state,
              eventId: ref,
              changeType: event.changeType,
              createTime: at,
              welcomeCode: str(p.WelcomeCode) || null,
              receivedAt: new Date(event.receivedAt ?? Date.now()),
              customerName: snapshot.contact?.name || null,
            }
          : undefined,
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
      };
    }
    case 'edit_external_contact':
      return snapshot ? { kind: 'snapshot', snapshot, at, ref } : null;
    case 'del_external_contact':
    case 'del_follow_user': {
      const status = deleteStatus(event.changeType, p.Source);
      const kind = timelineKindFor(status);
      return {
        kind: 'delete',
        input: { externalUserId, userId, status, at },
        entry: <TimelineEntry<typeof kind>>{
          externalUserId,
          userId,
          kind,
          detail: p.Source ? { source: str(p.Source) } : null,
          occurredAt: fromUnix(at),
          dedupeKey: `${ref}:${kind}`,
        },
      };
    }
    case 'transfer_fail':
      // UserID is the takeover member; the relation stays with the original member.
      return {
        kind: 'timeline',
        entry: {
          externalUserId,
          userId,
          kind: TimelineKind.TransferFailed,
          detail: { takeoverUserId: userId, failReason: str(p.FailReason) || null },
          occurredAt: fromUnix(at),
          dedupeKey: `${ref}:${TimelineKind.TransferFailed}`,
        },
      };
    default:
      return null;
  }
}
