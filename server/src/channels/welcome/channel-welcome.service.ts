import { Injectable, Logger } from '@nestjs/common';
import type { CallbackEventEntity } from '../../callbacks/entities/callback-event.entity';
import { JobQueueService } from '../../queue/job-queue.service';
import { JobName } from '../../queue/queue-names';
import { AddressBookClient } from '../../wecom/areas/address-book.client';
import { ExternalContactsClient } from '../../wecom/areas/external-contacts.client';
import { ContactWaysClient } from '../../wecom/areas/contact-ways.client';
import { WecomApiException, WecomErrcode } from '../../wecom/wecom-api.exception';
import type { MessageAttachment } from '../../wecom/areas/message-attachment.types';
import type { SendWelcomeMsgRequest } from '../../wecom/areas/contact-ways.types';
import { CustomerMirrorService } from '../../customers/customer-mirror.service';
import { TimelineEntry, TimelineKind } from '../../customers/customer-timeline.entries';
import { CustomerTimelineService } from '../../customers/customer-timeline.service';
import { StaffService } from '../../staff/staff.service';
import { TagSource } from '../../tags/entities/customer-tag.entity';
import { TagMarkService } from '../../tags/tag-mark.service';
import { ChannelRepository } from '../channel.repository';
import { isChannelState } from '../channel-state';
import type { ChannelWelcome } from '../channel.types';
import { ChannelAddEntity, WelcomeSkipReason, WelcomeStatus } from '../entities/channel-add.entity';
import { ChannelEntity } from '../entities/channel.entity';
import { ChannelPoolService } from '../pool/channel-pool.service';
import { dayKey } from '../strategy/working-hours';

/** WeCom: send_welcome_msg within 20 s of the event (DW 92599). */
export const WELCOME_WINDOW_MS = 20_000;
/** Retries of a transient failure stay inside the window. */
export const WELCOME_JOB_OPTIONS = {
  attempts: 4,
  backoff: { type: 'fixed', delay: 1000 },
  priority: 1,
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: false,
} as const;
/** 41050: invalid or expired welcome_code; 41096: another app is sending (may retry). */
const CODE_EXPIRED = 41050;
const ANOTHER_APP_SENDING = 41096;
const REMARK_MAX = 20;
/** How long the ingest hook waits for Redis before giving up on the welcome. */
const HOOK_WAIT_MS = 1000;

const ADD_CHANGE_TYPES = new Set(['add_external_contact', 'add_half_external_contact']);

export interface WelcomeJobData {
  corpId: string;
  eventId: string | null;
  changeType: string;
  userId: string;
  externalUserId: string;
  state: string;
  welcomeCode: string | null;
  /** WeCom CreateTime (s). */
  createTime: number;
  /** When the callback reached the server (ms): the 20 s window and the latency count from here. */
  receivedAtMs: number;
}

/** The channel's writes to WeCom after the welcome: its tags and the remark. */
export interface WriteAddJobData {
  corpId: string;
  addId: string;
}

export const WRITE_ADD_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: false,
} as const;

/** What a welcome attempt leaves to record: the journal row's changes and a timeline entry. */
interface WelcomeSettlement {
  changes: Partial<ChannelAddEntity>;
  timeline: TimelineEntry;
}

export type WelcomeOutcome =
  | { outcome: 'not_a_channel' }
  | { outcome: 'handled'; addId: string; replay: boolean; welcome: WelcomeStatus; reason?: string };

/** The stored event, as far as the hook reads it. */
export type ContactAddedEvent = Pick<
  CallbackEventEntity,
  'corpId' | 'event' | 'changeType' | 'createTime' | 'payload'
> & { id?: string | null; receivedAt?: Date | null };

const SENTENCES: Record<WelcomeSkipReason, string> = {
  [WelcomeSkipReason.NoWelcomeCode]:
    'WeCom sent no WelcomeCode: the staff member has a welcome message set in WeCom’s admin console, or already chatted with this customer, so the channel’s welcome cannot be sent.',
  [WelcomeSkipReason.NoWelcomeConfigured]: 'The channel has no welcome message.',
  [WelcomeSkipReason.AlreadySent]:
    'WeCom says a welcome message was already sent for this add (errcode 41051); not sent again.',
  [WelcomeSkipReason.CodeExpired]:
    'The welcome code had expired (WeCom allows 20 seconds after the add, errcode 41050).',
  [WelcomeSkipReason.WindowPassed]:
    'WeCom kept failing until its 20-second window for the welcome message had passed.',
  [WelcomeSkipReason.Refused]: 'WeCom refused the welcome message.',
};

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));

/**
 * The remark a channel sets on its adds (its template rendered, at most 20 characters), or null.
 * The welcome's follow-up job sets it in WeCom and the mirror's attribution writes the same value.
 */
export function channelRemark(
  channel: Pick<ChannelEntity, 'remarkTemplate'>,
  vars: { name?: string | null; staff?: string | null },
): string | null {
  if (!channel.remarkTemplate) return null;
  return renderTemplate(channel.remarkTemplate, vars).trim().slice(0, REMARK_MAX) || null;
}

/** `{{name}}`, `{{name|fallback}}` and `{{staff}}` in a welcome text or remark template. */
export function renderTemplate(
  template: string,
  vars: { name?: string | null; staff?: string | null },
): string {
  return template.replace(
    /\{\{\s*(name|staff)\s*(?:\|([^}]*))?\}\}/g,
    (_m, key: 'name' | 'staff', fallback?: string) => vars[key] || fallback?.trim() || '',
  );
}

/** The add's one welcome entry on the timeline (sent or skipped: the same dedupe key). */
function welcomeEntry(
  channel: ChannelEntity,
  add: ChannelAddEntity,
  sent:
    | {
        kind: TimelineKind.WelcomeSent;
        text: string | null;
        attachments: string[];
        latencyMs: number;
      }
    | {
        kind: TimelineKind.WelcomeSkipped;
        reason: string;
        sentence: string;
        errcode: number | null;
      },
): TimelineEntry {
  const { kind, ...detail } = sent;
  return {
    externalUserId: add.externalUserId,
    userId: add.userId,
    kind,
    detail: { channelId: channel.id, channelName: channel.name, ...detail },
    occurredAt: new Date(),
    dedupeKey: `channel-welcome:${add.id}`,
  } as TimelineEntry;
}

export function toAttachments(welcome: ChannelWelcome): MessageAttachment[] {
  return (welcome.attachments ?? []).map((a): MessageAttachment => {
    if (a.type === 'image')
      return {
        msgtype: 'image',
        image: a.mediaId ? { media_id: a.mediaId } : { pic_url: a.picUrl },
      };
    if (a.type === 'link')
      return {
        msgtype: 'link',
        link: { title: a.title, url: a.url, picurl: a.picUrl, desc: a.desc },
      };
    return {
      msgtype: 'miniprogram',
      miniprogram: { title: a.title, pic_media_id: a.picMediaId, appid: a.appId, page: a.page },
    };
  });
}

/**
 * What happens when a customer adds a staff member through a channel: the welcome message (first,
 * inside WeCom's 20 s window), the day's counters and a keeper pass; then, in a follow-up job,
 * the channel's tags (TagMarkService) and the remark, each written to WeCom and to the mirror by
 * this writer. The attribution of the relation (channel_id, the channel's marks, `channel_added`)
 * is the customers mirror's own processing of the add (ChannelAttributionService). Every step is
 * recorded on the add's journal row, so a replayed add or a retried job sends nothing twice and
 * counts once.
 */
@Injectable()
export class ChannelWelcomeService {
  private readonly logger = new Logger(ChannelWelcomeService.name);

  constructor(
    private readonly channels: ChannelRepository,
    private readonly addressBook: AddressBookClient,
    private readonly externalContacts: ExternalContactsClient,
    private readonly contactWays: ContactWaysClient,
    private readonly jobs: JobQueueService,
    private readonly pool: ChannelPoolService,
    private readonly timeline: CustomerTimelineService,
    private readonly tagMarks: TagMarkService,
    private readonly customers: CustomerMirrorService,
    private readonly staff: StaffService,
  ) {}

  /**
   * Ingest hook: called with every stored callback event, right after it is stored. For an
   * add (full or half) with a channel's State it enqueues a welcome job on the Welcome queue, so the
   * welcome never waits behind the general callback queue. Never throws: the event is durable
   * and the mirror processes it whatever happens here.
   */
  async onContactAdded(event: ContactAddedEvent): Promise<boolean> {
    if (event.event !== 'change_external_contact' || !ADD_CHANGE_TYPES.has(event.changeType))
      return false;
    const p = event.payload ?? {};
    const state = str(p.State);
    const userId = str(p.UserID);
    const externalUserId = str(p.ExternalUserID);
    // adds through other tools' contact ways (their own states) cost no job
    if (!isChannelState(state) || !userId || !externalUserId) return false;
    const welcomeCode = str(p.WelcomeCode) || null;
    const data: WelcomeJobData = {
      corpId: event.corpId,
      eventId: event.id ? String(event.id) : null,
      changeType: event.changeType,
      userId,
      externalUserId,
      state,
      welcomeCode,
      createTime: Number(event.createTime),
      receivedAtMs: event.receivedAt?.getTime() ?? Date.now(),
    };
    // the same add delivered twice (or replayed) maps to the same job
    const key = welcomeCode ?? `${userId}:${externalUserId}:${data.createTime}`;
    const jobId = `welcome:${event.corpId}:${key}`;
    const log = { corpId: event.corpId, eventId: data.eventId, jobId };
    const started = Date.now();
    let late = false;
    const added = this.jobs.enqueue(JobName.SendWelcome, data, { ...WELCOME_JOB_OPTIONS, jobId });
    // what finally happened, whether or not the ingest was still waiting for it
    void added.then(
      () => {
        if (late) this.logger.warn(log, `queued a channel welcome ${Date.now() - started} ms late`);
      },
      (err: unknown) =>
        this.logger.error(
          { ...log, err: (err as Error).message },
          'could not enqueue a channel welcome',
        ),
    );
    let timer: NodeJS.Timeout | undefined;
    try {
      // a stalled Redis must not hold WeCom's answer (the ingest path awaits this)
      const waited = await Promise.race([
        added.then(
          () => true,
          () => false,
        ),
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), HOOK_WAIT_MS);
        }),
      ]);
      if (waited === null) {
        late = true;
        this.logger.warn(
          log,
          `Redis did not answer within ${HOOK_WAIT_MS} ms; still trying to queue the channel welcome (logged when it lands or fails)`,
        );
        return false;
      }
      return waited;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The welcome job. `finalAttempt`: record a failure instead of asking Bull to retry.
   *
   * Send first, bookkeep after: the channel comes from a cache of a few seconds, the add is
   * journaled with one `INSERT IGNORE` (or found, when the mirror attributed it first), the
   * welcome goes out, and only then its outcome, the timeline and the day's count are written
   * (one transaction) while the follow-up job is queued. A crash between the send and the bookkeeping re-runs the job: WeCom answers 41051
   * to the second send, which is recorded as "already sent".
   */
  async handle(data: WelcomeJobData, finalAttempt = false): Promise<WelcomeOutcome> {
    const channel = await this.channels.findByStateCached(data.corpId, data.state);
    if (!channel) return { outcome: 'not_a_channel' };
    const eventTime = new Date((data.createTime || Math.floor(data.receivedAtMs / 1000)) * 1000);
    const { add, inserted } = await this.channels.claimAdd({
      corpId: data.corpId,
      channelId: channel.id,
      userId: data.userId,
      externalUserId: data.externalUserId,
      addKey: data.welcomeCode ?? `t${data.createTime}`,
      changeType: data.changeType.slice(0, 32),
      eventId: data.eventId,
      eventTime,
      receivedAt: new Date(data.receivedAtMs),
    });
    const settled =
      add.welcomeStatus === WelcomeStatus.Pending
        ? await this.welcome(channel, add, data, finalAttempt)
        : null;
    const timeline = settled?.timeline;
    const writes =
      (!add.tagsMarkedAt && channel.tagIds.length > 0) ||
      (!add.remarkedAt && !!channel.remarkTemplate);
    await Promise.all([
      settled || !add.countedAt
        ? this.channels.settleAdd(
            add,
            dayKey(add.eventTime, channel.timezone),
            settled?.changes ?? {},
            timeline ? (tx) => this.timeline.append(add.corpId, timeline, tx) : undefined,
          )
        : undefined,
      writes
        ? this.jobs.enqueue<WriteAddJobData>(
            JobName.WriteChannelAdd,
            { corpId: data.corpId, addId: add.id },
            { ...WRITE_ADD_JOB_OPTIONS, jobId: `channel-add:${add.id}` },
          )
        : undefined,
      // every add moves today's counts: a keeper pass (coalesced per second) re-plans the pool
      this.pool
        .requestSync(data.corpId, channel.id)
        .catch((err: Error) =>
          this.logger.warn({ channelId: channel.id, err: err.message }, 'keeper pass not queued'),
        ),
    ]);
    return {
      outcome: 'handled',
      addId: add.id,
      // the mirror may have created the journal row first (attribution): not a replay
      replay: !inserted && !settled,
      welcome: add.welcomeStatus,
      reason: add.welcomeReason ?? undefined,
    };
  }

  /**
   * The rest of a channel add, off the welcome queue (never waiting for the mirror): the channel's
   * tags through TagMarkService (WeCom, then the mirror) and the remark (WeCom, then the mirror).
   * Whichever of this job and the mirror's processing of the add lands first, the other writes
   * the same values (see ChannelAttributionService).
   */
  async writeAdd(job: WriteAddJobData): Promise<{ done: boolean }> {
    const add = await this.channels.findAdd(job.corpId, job.addId);
    if (!add) return { done: true };
    const channel = await this.channels.findByIdWithDeleted(job.corpId, add.channelId);
    if (!channel) return { done: true };
    if (!add.tagsMarkedAt && channel.tagIds.length) await this.markTags(channel, add);
    if (!add.remarkedAt && channel.remarkTemplate) await this.remark(channel, add);
    return { done: true };
  }

  /** Sends the welcome; returns what to record (the caller writes it after the send). */
  private async welcome(
    channel: ChannelEntity,
    add: ChannelAddEntity,
    data: WelcomeJobData,
    finalAttempt: boolean,
  ): Promise<WelcomeSettlement> {
    if (!data.welcomeCode) return this.recordWelcome(channel, add, WelcomeSkipReason.NoWelcomeCode);
    if (!channel.welcome)
      return this.recordWelcome(channel, add, WelcomeSkipReason.NoWelcomeConfigured);
    const req: SendWelcomeMsgRequest = { welcome_code: data.welcomeCode };
    if (channel.welcome.text) {
      const text = channel.welcome.text;
      const [name, staff] = await Promise.all([
        /\{\{\s*name/.test(text) ? this.customerName(data) : null,
        /\{\{\s*staff/.test(text) ? this.staffName(data) : null,
      ]);
      req.text = { content: renderTemplate(text, { name, staff }) };
    }
    const attachments = toAttachments(channel.welcome);
    if (attachments.length) req.attachments = attachments;
    try {
      await this.contactWays.sendWelcomeMsg(data.corpId, req);
    } catch (err) {
      if (!(err instanceof WecomApiException)) throw err;
      if (err.errcode === WecomErrcode.WelcomeAlreadyChatting)
        return this.recordWelcome(channel, add, WelcomeSkipReason.AlreadySent, err.errcode);
      if (err.errcode === CODE_EXPIRED)
        return this.recordWelcome(channel, add, WelcomeSkipReason.CodeExpired, err.errcode);
      const transient = err.isRetryable || err.errcode === ANOTHER_APP_SENDING;
      const windowLeft = data.receivedAtMs + WELCOME_WINDOW_MS - Date.now();
      if (transient && !finalAttempt && windowLeft > 1000) throw err; // Bull retries in 1 s
      return this.recordWelcome(
        channel,
        add,
        transient ? WelcomeSkipReason.WindowPassed : WelcomeSkipReason.Refused,
        err.errcode,
        err.message,
      );
    }
    const latency = Math.max(0, Date.now() - data.receivedAtMs);
    add.welcomeStatus = WelcomeStatus.Sent;
    add.welcomeLatencyMs = latency;
    return {
      changes: { welcomeStatus: WelcomeStatus.Sent, welcomeLatencyMs: latency },
      timeline: welcomeEntry(channel, add, {
        kind: TimelineKind.WelcomeSent,
        text: req.text?.content ?? null,
        attachments: attachments.map((a) => a.msgtype),
        latencyMs: latency,
      }),
    };
  }

  private recordWelcome(
    channel: ChannelEntity,
    add: ChannelAddEntity,
    reason: WelcomeSkipReason,
    errcode?: number,
    wecomMessage?: string,
  ): WelcomeSettlement {
    const failed =
      reason === WelcomeSkipReason.WindowPassed || reason === WelcomeSkipReason.Refused;
    add.welcomeStatus = failed ? WelcomeStatus.Failed : WelcomeStatus.Skipped;
    add.welcomeReason = reason;
    if (failed)
      this.logger.warn({ channelId: channel.id, addId: add.id, errcode }, `welcome ${reason}`);
    return {
      changes: {
        welcomeStatus: add.welcomeStatus,
        welcomeReason: reason,
        welcomeErrcode: errcode ?? null,
      },
      timeline: welcomeEntry(channel, add, {
        kind: TimelineKind.WelcomeSkipped,
        reason,
        sentence: wecomMessage ? `${SENTENCES[reason]} ${wecomMessage}` : SENTENCES[reason],
        errcode: errcode ?? null,
      }),
    };
  }

  private async markTags(channel: ChannelEntity, add: ChannelAddEntity): Promise<void> {
    const result = await this.tagMarks.mark({
      corpId: add.corpId,
      relations: [{ externalUserId: add.externalUserId, userId: add.userId }],
      tagIds: channel.tagIds,
      source: TagSource.Channel,
      evidence: { channelId: channel.id, channelName: channel.name },
      ref: `channel-add:${add.id}`,
    });
    const [failed] = result.failed;
    if (failed)
      // a tag deleted in WeCom, a relation already gone: say so once, do not retry forever
      await this.timeline.append(add.corpId, {
        kind: TimelineKind.ChannelTagsFailed,
        externalUserId: add.externalUserId,
        userId: add.userId,
        detail: {
          channelId: channel.id,
          tagIds: channel.tagIds,
          errcode: failed.errcode,
          message: failed.message,
        },
        occurredAt: new Date(),
        dedupeKey: `channel-tags:${add.id}`,
      });
    add.tagsMarkedAt = new Date();
    add.tagsMarkedOk = !failed;
    await this.channels.updateAdd(add.id, {
      tagsMarkedAt: add.tagsMarkedAt,
      tagsMarkedOk: add.tagsMarkedOk,
    });
  }

  /** The remark in WeCom, then in the mirror (the writer updates it: no callback follows). */
  private async remark(channel: ChannelEntity, add: ChannelAddEntity): Promise<void> {
    const data = {
      corpId: add.corpId,
      userId: add.userId,
      externalUserId: add.externalUserId,
      receivedAtMs: add.receivedAt.getTime(),
    };
    const remark = channelRemark(channel, {
      name: await this.customerName(data),
      staff: await this.staffName(data),
    });
    if (remark) {
      try {
        await this.externalContacts.remarkExternalContact(add.corpId, {
          userid: add.userId,
          external_userid: add.externalUserId,
          remark,
        });
        await this.customers.recordRemark(add.corpId, add.externalUserId, add.userId, remark);
      } catch (err) {
        if (!(err instanceof WecomApiException) || err.isRetryable) throw err;
        this.logger.warn({ channelId: channel.id, errcode: err.errcode }, 'remark refused');
      }
    }
    add.remarkedAt = new Date();
    await this.channels.updateAdd(add.id, { remarkedAt: add.remarkedAt });
  }

  /**
   * The customer's name: the mirror, else WeCom (externalcontact/get, a read the mirror's
   * handler of the same add then reuses); null when unknown.
   */
  private async customerName(d: {
    corpId: string;
    externalUserId: string;
    receivedAtMs: number;
  }): Promise<string | null> {
    const mirrored = await this.customers.customerName(d.corpId, d.externalUserId);
    if (mirrored) return mirrored;
    try {
      const res = await this.externalContacts.getExternalContact(d.corpId, d.externalUserId, {
        freshSince: d.receivedAtMs,
      });
      return res.external_contact?.name || null;
    } catch (err) {
      this.logger.warn({ corpId: d.corpId, err: (err as Error).message }, 'customer name unknown');
      return null;
    }
  }

  private async staffName(d: { corpId: string; userId: string }): Promise<string | null> {
    const mirrored = (await this.staff.names(d.corpId, [d.userId])).get(d.userId);
    if (mirrored) return mirrored;
    try {
      return (await this.addressBook.getUser(d.corpId, d.userId)).name || null;
    } catch {
      return null;
    }
  }
}
