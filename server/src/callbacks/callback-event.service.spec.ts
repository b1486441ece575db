import type { ConfigService } from '@nestjs/config';
import type { AllConfig } from '../config/configuration';
import { CallbackEventHandlerRegistry, InboxEvent } from './callback-event-handler.registry';
import type { CallbackEventRepository } from './callback-event.repository';
import { CallbackEventService } from './callback-event.service';
import type { CallbackIngestService } from './callback-ingest.service';
import { ChangeType, Event } from '../wecom/events/wecom-event';
import { CallbackEventEntity, CallbackEventStatus } from './entities/callback-event.entity';

/** A stored row with the fields WeCom always sends for the customer and chat events. */
const event = (
  id: string,
  ev: string,
  changeType: string,
  attempts = 1,
  payload: Record<string, unknown> = { UserID: 'lina', ExternalUserID: 'wm1', ChatId: 'wr1' },
) =>
  ({
    id,
    corpId: 'ww1',
    event: ev,
    changeType,
    createTime: 1_700_000_000,
    attempts,
    payload,
  }) as CallbackEventEntity;

function setup(batches: CallbackEventEntity[][], batchSize = 3) {
  const queue = [...batches];
  const repo = {
    claimBatch: jest.fn(async (_limit: number, _token: string) => queue.shift() ?? []),
    renewClaim: jest.fn(async () => undefined),
    settle: jest.fn(async () => undefined),
    retryLater: jest.fn(async () => undefined),
    releaseExpiredClaims: jest.fn(async () => 0),
    hasDuePending: jest.fn(async () => false),
    resetForReplay: jest.fn(async (ids: string[]) => ids.length),
    idsByStatus: jest.fn(async () => ['7', '8']),
    existingIds: jest.fn(async (ids: string[]) => new Set(ids)),
  };
  const ingest = { wake: jest.fn(async () => undefined) };
  const registry = new CallbackEventHandlerRegistry();
  const config = {
    get: () => ({
      callbackBatchSize: batchSize,
      callbackLeaseMs: 30_000,
      attempts: 3,
      backoffMs: 200,
    }),
  } as unknown as ConfigService<AllConfig, true>;
  const service = new CallbackEventService(
    repo as unknown as CallbackEventRepository,
    registry,
    ingest as unknown as CallbackIngestService,
    config,
  );
  return { service, repo, ingest, registry };
}

describe('CallbackEventService (the inbox drain)', () => {
  it('gives a batch handler all its events at once, runs the others one by one, and settles the batch', async () => {
    const { service, repo, registry } = setup([
      [
        event('1', 'change_external_contact', 'edit_external_contact'),
        event('2', 'change_external_chat', 'update'),
        event('3', 'change_external_contact', 'del_follow_user'),
        event('4', 'scrm_unknown', ''),
      ],
    ]);
    const customers = {
      handle: jest.fn(),
      handleBatch: jest.fn(async (_events: InboxEvent[]) => new Map<string, Error>()),
    };
    const groups = { handle: jest.fn(async () => undefined) };
    registry.register(Event.ChangeExternalContact, '*', customers);
    registry.register(Event.ChangeExternalChat, '*', groups);

    const out = await service.processBatch();

    expect(customers.handleBatch).toHaveBeenCalledTimes(1);
    expect(customers.handleBatch.mock.calls[0]?.[0].map((e: InboxEvent) => e.id)).toEqual([
      '1',
      '3',
    ]);
    expect(customers.handle).not.toHaveBeenCalled();
    expect(groups.handle).toHaveBeenCalledTimes(1);
    const token = repo.claimBatch.mock.calls[0][1];
    expect(repo.settle).toHaveBeenCalledWith(['1', '2', '3'], token, CallbackEventStatus.Done);
    expect(repo.settle).toHaveBeenCalledWith(
      ['4'],
      token,
      CallbackEventStatus.Skipped,
      'unknown WeCom event: no such Event scrm_unknown',
    );
    expect(repo.retryLater).not.toHaveBeenCalled();
    expect(out).toEqual({ claimed: 4, done: 3, skipped: 1, failed: 0 });
  });

  it('hands handlers typed events, and skips (with why) known types nobody handles and events missing a documented field', async () => {
    const { service, repo, registry } = setup([
      [
        event('1', 'change_external_contact', 'add_external_contact', 1, {
          UserID: 'lina',
          ExternalUserID: 'wm1',
          State: 'ch_1',
          WelcomeCode: 'W1',
        }),
        event('2', 'change_external_contact', 'add_external_contact', 1, { UserID: 'lina' }),
        event('3', 'change_contact', 'update_tag', 1, { TagId: '7', AddUserItems: 'a,b' }),
      ],
    ]);
    const handle = jest.fn(async () => undefined);
    registry.register(Event.ChangeExternalContact, [ChangeType.AddExternalContact], { handle });

    const out = await service.processBatch();

    expect(handle).toHaveBeenCalledTimes(1);
    expect(handle.mock.calls[0]).toMatchObject([
      {
        id: '1',
        event: Event.ChangeExternalContact,
        changeType: ChangeType.AddExternalContact,
        payload: {
          type: 'change_external_contact/add_external_contact',
          ToUserName: 'ww1',
          CreateTime: 1_700_000_000,
          UserID: 'lina',
          ExternalUserID: 'wm1',
          State: 'ch_1',
          WelcomeCode: 'W1',
        },
      },
    ]);
    const token = repo.claimBatch.mock.calls[0][1];
    expect(repo.settle).toHaveBeenCalledWith(
      ['2'],
      token,
      CallbackEventStatus.Skipped,
      'unknown WeCom event: missing ExternalUserID',
    );
    expect(repo.settle).toHaveBeenCalledWith(
      ['3'],
      token,
      CallbackEventStatus.Skipped,
      'no handler for this event type',
    );
    expect(out).toEqual({ claimed: 3, done: 1, skipped: 2, failed: 0 });
  });

  it('retries only the failed events, grouped by error, with the configured backoff', async () => {
    const { service, repo, registry } = setup([
      [
        event('1', 'change_external_contact', 'edit_external_contact'),
        event('2', 'change_external_contact', 'edit_external_contact'),
        event('3', 'change_external_chat', 'update'),
        event('4', 'change_external_chat', 'update'),
      ],
    ]);
    registry.register(Event.ChangeExternalContact, '*', {
      handle: jest.fn(),
      handleBatch: async () => new Map([['2', new Error('WeCom 45009')]]),
    });
    registry.register(Event.ChangeExternalChat, '*', {
      handle: async (e) => {
        if (e.id === '4') throw new Error('WeCom 45009');
      },
    });

    const out = await service.processBatch();

    const token = repo.claimBatch.mock.calls[0][1];
    expect(repo.settle).toHaveBeenCalledWith(['1', '3'], token, CallbackEventStatus.Done);
    expect(repo.retryLater).toHaveBeenCalledTimes(1);
    expect(repo.retryLater).toHaveBeenCalledWith(['2', '4'], token, 'WeCom 45009', {
      maxAttempts: 3,
      backoffMs: 200,
    });
    expect(out.failed).toBe(2);
  });

  it('retries every event of a batch handler that throws instead of answering', async () => {
    const { service, repo, registry } = setup([
      [event('1', 'change_external_contact', 'add_external_contact')],
    ]);
    registry.register(Event.ChangeExternalContact, '*', {
      handle: jest.fn(),
      handleBatch: async () => {
        throw new Error('database gone');
      },
    });
    await service.processBatch();
    expect(repo.retryLater).toHaveBeenCalledWith(
      ['1'],
      expect.any(String),
      'database gone',
      expect.anything(),
    );
    expect(repo.settle).toHaveBeenCalledWith([], expect.any(String), CallbackEventStatus.Done);
  });

  it('drains full batches until one comes back short', async () => {
    const full = [1, 2, 3].map((i) => event(String(i), 'scrm_unknown', ''));
    const { service, repo } = setup([full, full, [event('9', 'scrm_unknown', '')], full]);
    const out = await service.drain();
    expect(repo.claimBatch).toHaveBeenCalledTimes(3);
    expect(out).toEqual({ claimed: 7, done: 0, skipped: 7, failed: 0 });
  });

  it('uses a new claim token for every batch', async () => {
    const { service, repo } = setup([[event('1', 'x', '')], [event('2', 'x', '')]]);
    await service.processBatch();
    await service.processBatch();
    const [a, b] = repo.claimBatch.mock.calls.map((c) => c[1]);
    expect(a).not.toEqual(b);
  });

  it('wakes a drain after a sweep only when due events wait', async () => {
    const { service, repo, ingest } = setup([]);
    await service.sweep();
    expect(ingest.wake).not.toHaveBeenCalled();
    repo.hasDuePending.mockResolvedValue(true);
    repo.releaseExpiredClaims.mockResolvedValue(4);
    await expect(service.sweep()).resolves.toEqual({ released: 4, woke: true });
    expect(repo.releaseExpiredClaims).toHaveBeenCalledWith(30_000, 3);
    expect(ingest.wake).toHaveBeenCalledTimes(1);
  });

  it('replays failed events in bulk and wakes the drain', async () => {
    const { service, repo, ingest } = setup([]);
    await expect(service.replay({ corpId: 'ww1' })).resolves.toEqual({ replayed: 2 });
    expect(repo.idsByStatus).toHaveBeenCalledWith(
      CallbackEventStatus.Failed,
      'ww1',
      1000,
      undefined,
    );
    expect(repo.resetForReplay).toHaveBeenCalledWith(['7', '8']);
    expect(ingest.wake).toHaveBeenCalledTimes(1);
    repo.resetForReplay.mockResolvedValue(0);
    await service.replay({ ids: ['5'] });
    expect(ingest.wake).toHaveBeenCalledTimes(1); // nothing became due
  });

  it('answers 404 for a replay of an unknown id (or one of another corp), replaying nothing', async () => {
    const { service, repo, ingest } = setup([]);
    repo.existingIds.mockResolvedValue(new Set(['5']));
    const err = await service.replay({ ids: ['5', '999999999'] }).catch((e) => e);
    expect(err).toMatchObject({ status: 404, code: 'CALLBACK_EVENT_NOT_FOUND' });
    expect(err.message).toContain('999999999');
    expect(repo.resetForReplay).not.toHaveBeenCalled();
    expect(ingest.wake).not.toHaveBeenCalled();
    repo.existingIds.mockResolvedValue(new Set());
    await service.replay({ ids: ['5'] }, ['wwother']).catch(() => undefined);
    expect(repo.existingIds).toHaveBeenLastCalledWith(['5'], ['wwother']);
  });
});
