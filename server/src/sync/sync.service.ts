import { forEachLimit } from '../common/concurrency';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AllConfig } from '../config/configuration';
import { OnDomainEvent } from '../events/domain-event-bus';
import type { CorpCreated } from '../events/domain-events';
import { CorpService } from '../corps/corp.service';
import { CustomerMirrorService } from '../customers/customer-mirror.service';
import { GroupService } from '../groups/group.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName, QueueName } from '../queue/queue-names';
import { StaffService } from '../staff/staff.service';
import { TagService } from '../tags/tag.service';
import { AddressBookClient } from '../wecom/areas/address-book.client';
import { ExternalContactsClient } from '../wecom/areas/external-contacts.client';
import { CustomerGroupsClient } from '../wecom/areas/customer-groups.client';
import { StartSyncResponseDto, SyncRunResponseDto, toSyncRunResponse } from './dto/sync.dto';
import { SyncRunEntity, SyncRunStatus } from './entities/sync-run.entity';
import { SyncProgress, SyncRunRepository } from './sync-run.repository';
import {
  GROUPS_PER_PAGE,
  SyncCheckpoint,
  SyncPhase,
  USERS_PER_BATCH,
  phasesFrom,
  userChunks,
} from './sync.plan';

export interface FullSyncJobData {
  corpId: string;
  trigger: 'admin' | 'nightly' | 'corp-created';
}

/** Members read in parallel (user/get) during the staff phase. */
const STAFF_CONCURRENCY = 8;
/** Chats read in parallel (groupchat/get) during the groups phase. */
const GROUP_CONCURRENCY = 8;
const ACTIVE_STATES = new Set(['waiting', 'active', 'delayed', 'paused']);

export const fullSyncJobId = (corpId: string) => `sync-full:${corpId}`;
const nowUnix = () => Math.floor(Date.now() / 1000);

/**
 * Full sync of a corp: departments → staff → tags → customers → groups → reconcile, each phase
 * writing through the same services and locks as the callback handlers, so an event that
 * arrives during the run is never overwritten by the run's older read. Progress and a resume
 * checkpoint are saved in sync_run after every page.
 */
@Injectable()
export class SyncService {
  private readonly logger = new Logger(SyncService.name);

  constructor(
    private readonly runs: SyncRunRepository,
    private readonly jobs: JobQueueService,
    private readonly addressBook: AddressBookClient,
    private readonly externalContacts: ExternalContactsClient,
    private readonly customerGroups: CustomerGroupsClient,
    private readonly staff: StaffService,
    private readonly tags: TagService,
    private readonly groups: GroupService,
    private readonly customers: CustomerMirrorService,
    private readonly corps: CorpService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  /** A newly registered corp gets its first full sync (SYNC_ON_CORP_CREATE): a queued job. */
  @OnDomainEvent('CorpCreated')
  async onCorpCreated(e: CorpCreated): Promise<void> {
    if (!this.config.get('app.syncOnCorpCreate', { infer: true })) return;
    await this.startFullSync(e.corpId, 'corp-created');
  }

  /**
   * Queues a full sync unless one of this corp is already queued or running (deterministic job
   * id: two clicks start one run). A finished job of the same id is removed first.
   */
  async startFullSync(
    corpId: string,
    trigger: FullSyncJobData['trigger'] = 'admin',
  ): Promise<StartSyncResponseDto> {
    await this.corps.get(corpId); // 404 CORP_NOT_FOUND for a corp that is not configured
    const jobId = fullSyncJobId(corpId);
    const queue = this.jobs.queue(QueueName.Sync);
    const existing = await queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (ACTIVE_STATES.has(state)) return { jobId, state, queued: false };
      await existing.remove().catch(() => undefined);
    }
    const job = await this.jobs.enqueue(JobName.FullSync, { corpId, trigger }, { jobId });
    return { jobId, state: await job.getState(), queued: true };
  }

  async listRuns(corpId: string, limit = 20): Promise<SyncRunResponseDto[]> {
    return (await this.runs.listRecent(corpId, limit)).map(toSyncRunResponse);
  }

  /** Nightly: one full sync per configured corp. */
  async startNightly(): Promise<number> {
    const corps = await this.corps.list();
    for (const c of corps) await this.startFullSync(c.corpId, 'nightly');
    return corps.length;
  }

  /**
   * Job: runs (or resumes) the corp's full sync. A run left `running` by a crashed worker or a
   * failed attempt continues from its checkpoint; the last failed attempt marks it failed.
   */
  async runFullSync(corpId: string, finalAttempt: boolean): Promise<SyncRunResponseDto> {
    const run = (await this.runs.findRunning(corpId)) ?? (await this.runs.create(corpId));
    const cp: SyncCheckpoint = {
      startedAt: Math.floor(run.startedAt.getTime() / 1000),
      phase: 'departments',
      ...(run.checkpoint as Partial<SyncCheckpoint> | null),
    };
    this.logger.log({ corpId, runId: run.id, phase: cp.phase }, 'full sync (re)started');
    try {
      for (const phase of phasesFrom(cp.phase)) {
        if (phase !== cp.phase) {
          cp.phase = phase;
          await this.save(run, { phase, done: 0, total: 0 }, cp);
        }
        await this.runPhase(run, phase, cp);
      }
      await this.runs.finish(corpId, run.id, SyncRunStatus.Done);
      this.logger.log({ corpId, runId: run.id }, 'full sync done');
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      this.logger.warn(
        { corpId, runId: run.id, phase: cp.phase, finalAttempt, err: message },
        'full sync failed',
      );
      if (finalAttempt) await this.runs.finish(corpId, run.id, SyncRunStatus.Failed, message);
      throw err;
    }
    const [latest] = await this.runs.listRecent(corpId, 1);
    return toSyncRunResponse(latest);
  }

  private runPhase(run: SyncRunEntity, phase: SyncPhase, cp: SyncCheckpoint): Promise<void> {
    switch (phase) {
      case 'departments':
        return this.syncDepartments(run, cp);
      case 'staff':
        return this.syncStaff(run, cp);
      case 'tags':
        return this.syncTags(run, cp);
      case 'customers':
        return this.syncCustomers(run, cp);
      case 'groups':
        return this.syncGroups(run, cp);
      case 'reconcile':
        return this.reconcile(run, cp);
    }
  }

  private async syncDepartments(run: SyncRunEntity, cp: SyncCheckpoint): Promise<void> {
    const n = await this.staff.refreshDepartments(run.corpId);
    await this.save(run, { phase: 'departments', done: n, total: n }, cp);
  }

  private async syncStaff(run: SyncRunEntity, cp: SyncCheckpoint): Promise<void> {
    const corpId = run.corpId;
    const followUsers = new Set(await this.externalContacts.getFollowUserList(corpId));
    const ids = await this.addressBook.listAllUserIds(corpId);
    let done = 0;
    await forEachLimit(ids, STAFF_CONCURRENCY, async (id) => {
      await this.staff.refreshUser(corpId, id, { followUsers });
      done++;
      if (done % 100 === 0) await this.save(run, { phase: 'staff', done, total: ids.length }, cp);
    });
    await this.save(run, { phase: 'staff', done, total: ids.length }, cp);
  }

  private async syncTags(run: SyncRunEntity, cp: SyncCheckpoint): Promise<void> {
    const { tags } = await this.tags.refreshAll(run.corpId);
    await this.save(run, { phase: 'tags', done: tags, total: tags }, cp);
  }

  /** batch/get_by_user, 100 members per call, each page applied and checkpointed. */
  private async syncCustomers(run: SyncRunEntity, cp: SyncCheckpoint): Promise<void> {
    const corpId = run.corpId;
    const userIds = await this.externalContacts.getFollowUserList(corpId);
    const total = new Set(userIds).size;
    const chunks = userChunks(userIds, cp.chunkStart);
    let done = total - chunks.reduce((n, c) => n + c.length, 0);
    cp.customers ??= 0;
    for (const chunk of chunks) {
      let cursor = cp.chunkStart === chunk[0] ? cp.cursor : undefined;
      cp.chunkStart = chunk[0];
      do {
        const observedAt = nowUnix();
        const page = await this.externalContacts.batchGetCustomersByUser(corpId, {
          userid_list: chunk,
          cursor,
          limit: USERS_PER_BATCH,
        });
        const items = page.external_contact_list ?? [];
        if (items.length)
          await this.customers.applySnapshots(corpId, items, observedAt, `sync-${run.id}`);
        cp.customers += items.length;
        cursor = page.next_cursor || undefined;
        cp.cursor = cursor;
        if (!cursor) done += chunk.length;
        await this.save(run, { phase: 'customers', done, total }, cp);
      } while (cursor);
    }
    cp.chunkStart = '\uffff'; // every chunk read: a resume starts after the last member
    cp.cursor = undefined;
    await this.save(run, { phase: 'customers', done: total, total }, cp);
  }

  /** groupchat/list pages of 100, each chat read with groupchat/get; checkpoint per page. */
  private async syncGroups(run: SyncRunEntity, cp: SyncCheckpoint): Promise<void> {
    const corpId = run.corpId;
    cp.groups ??= 0;
    let cursor = cp.groupCursor;
    do {
      const page = await this.customerGroups.listGroupChats(corpId, {
        cursor,
        limit: GROUPS_PER_PAGE,
      });
      const chats = page.group_chat_list ?? [];
      await forEachLimit(chats, GROUP_CONCURRENCY, async (c) => {
        await this.groups.syncChat(corpId, c.chat_id, c.status);
      });
      cp.groups += chats.length;
      cursor = page.next_cursor || undefined;
      cp.groupCursor = cursor;
      await this.save(
        run,
        { phase: 'groups', done: cp.groups, total: cp.groups + (cursor ? GROUPS_PER_PAGE : 0) },
        cp,
      );
    } while (cursor);
  }

  /**
   * What the run did not see is gone, unless an event touched it after the run started:
   * staff no longer listed (confirmed by user/get), groups not listed, follow relations of the
   * run's staff not reported. Tags were reconciled by their whole-library snapshot.
   */
  private async reconcile(run: SyncRunEntity, cp: SyncCheckpoint): Promise<void> {
    const corpId = run.corpId;
    const listed = new Set(await this.addressBook.listAllUserIds(corpId));
    const missing = (await this.staff.activeUserIds(corpId)).filter((id) => !listed.has(id));
    await forEachLimit(missing, STAFF_CONCURRENCY, async (id) => {
      await this.staff.refreshUser(corpId, id);
    });
    const dismissed = await this.groups.markUnseenDismissed(corpId, run.startedAt);
    const followUsers = await this.externalContacts.getFollowUserList(corpId);
    await this.customers.closeRelationsNotSeenSince(corpId, followUsers, cp.startedAt);
    this.logger.log(
      { corpId, runId: run.id, staffChecked: missing.length, groupsDismissed: dismissed },
      'full sync reconciled',
    );
    await this.save(run, { phase: 'reconcile', done: 1, total: 1 }, cp);
  }

  private save(
    run: SyncRunEntity,
    p: Omit<SyncProgress, 'checkpoint'>,
    cp: SyncCheckpoint,
  ): Promise<void> {
    cp.progress = { ...cp.progress, [p.phase]: { done: p.done, total: p.total } };
    return this.runs.saveProgress(run.corpId, run.id, {
      ...p,
      checkpoint: { ...cp } as unknown as Record<string, unknown>,
    });
  }
}
