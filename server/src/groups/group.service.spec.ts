import { inboxEvent } from '../common/testing/inbox-event';
import { JobName } from '../queue/queue-names';
import { WecomApiException } from '../wecom/wecom-api.exception';
import {
  GROUP_READ_DELAY_MS,
  GroupService,
  timelineEntries,
  toRefreshJobData,
} from './group.service';

const event = (changeType: string, payload: Record<string, unknown>, createTime = 1000) =>
  inboxEvent({
    id: '42',
    corpId: 'wwcorp01',
    event: 'change_external_chat',
    changeType,
    createTime,
    payload: { ChatId: 'wr1', ...payload },
    attempts: 1,
  });

function newService() {
  const repo = {
    findChat: jest.fn().mockResolvedValue(null),
    applySnapshot: jest.fn().mockResolvedValue({ applied: true, joined: [], left: [] }),
    markDismissed: jest.fn().mockResolvedValue(true),
    fillQuitScene: jest.fn(),
    memberTypes: jest.fn().mockResolvedValue(new Map()),
  };
  const wecom = { getGroupChat: jest.fn() };
  const lock = { run: jest.fn((_n: string, fn: () => Promise<unknown>) => fn()) };
  const jobs = { enqueue: jest.fn() };
  const timeline = { append: jest.fn() };
  const service = new GroupService(
    repo as never,
    wecom as never,
    lock as never,
    jobs as never,
    timeline as never,
  );
  return { service, repo, wecom, jobs, timeline };
}

describe('group events', () => {
  it('reads MemChangeList items, scenes and the event id into the job data', () => {
    const data = toRefreshJobData(
      event('update', {
        UpdateDetail: 'del_member',
        QuitScene: '1',
        MemChangeList: { Item: ['wmA', 'lina'] },
      }),
    );
    expect(data).toMatchObject({
      corpId: 'wwcorp01',
      chatId: 'wr1',
      eventId: '42',
      updateDetail: 'del_member',
      quitScene: 1,
      joinScene: null,
      memChangeList: ['wmA', 'lina'],
    });
    expect(toRefreshJobData(event('create', {})).memChangeList).toBeNull();
  });

  it('writes timeline entries for customers only, keyed <eventId>:<kind>:<externalUserId>', () => {
    const data = toRefreshJobData(event('update', { UpdateDetail: 'add_member', JoinScene: '3' }));
    const rows = timelineEntries(
      data,
      { name: '群', ownerUserId: 'lina' },
      ['wmA', 'zhangwei', 'woB'],
      [],
      new Map([['zhangwei', 1]]),
    );
    expect(rows.map((r) => r.dedupeKey)).toEqual(['42:group_joined:wmA', '42:group_joined:woB']);
    expect(rows[0]).toMatchObject({ userId: 'lina', detail: { chatId: 'wr1', joinScene: 3 } });
  });

  it('dismiss is applied at once; create/update wait ~2 s in a delayed job', async () => {
    const { service, repo, jobs } = newService();
    await service.handleChatEvent(event('dismiss', {}));
    expect(repo.markDismissed).toHaveBeenCalledWith('wwcorp01', 'wr1', 1000, new Date(1000_000));
    const now = Math.floor(Date.now() / 1000);
    await service.handleChatEvent(event('update', { UpdateDetail: 'change_name' }, now));
    const [name, , opts] = jobs.enqueue.mock.calls[0];
    expect(name).toBe(JobName.RefreshGroupChat);
    expect(opts.delay).toBeGreaterThan(0);
    expect(opts.delay).toBeLessThanOrEqual(GROUP_READ_DELAY_MS);
    // an old event (a replay) needs no wait; a clock far ahead never waits more than 2 s
    await service.handleChatEvent(event('update', {}, now - 3600));
    await service.handleChatEvent(event('update', {}, now + 86400));
    expect(jobs.enqueue.mock.calls[1][2].delay).toBe(0);
    expect(jobs.enqueue.mock.calls[2][2].delay).toBe(GROUP_READ_DELAY_MS);
  });

  it('an event older than the last applied one is stale: no re-read, quit scene filled', async () => {
    const { service, repo, wecom, timeline } = newService();
    repo.findChat.mockResolvedValue({ lastEventTime: 2000, name: 'x', ownerUserId: 'lina' });
    const data = toRefreshJobData(
      event('update', {
        UpdateDetail: 'del_member',
        QuitScene: '0',
        MemChangeList: { Item: ['wmA'] },
      }),
    );
    expect(await service.refreshFromEvent(data)).toBe('stale');
    expect(wecom.getGroupChat).not.toHaveBeenCalled();
    expect(repo.applySnapshot).not.toHaveBeenCalled();
    expect(repo.fillQuitScene).toHaveBeenCalledWith('wwcorp01', 'wr1', ['wmA'], 0);
    expect(timeline.append.mock.calls[0][1][0].dedupeKey).toBe('42:group_left:wmA');
  });

  it('a newer event re-reads and applies with its CreateTime; 40050 means dismissed', async () => {
    const { service, repo, wecom } = newService();
    repo.findChat.mockResolvedValue({ lastEventTime: 900 });
    wecom.getGroupChat.mockResolvedValue({
      group_chat: { chat_id: 'wr1', name: 'n', owner: 'lina', create_time: 1, member_list: [] },
    });
    expect(await service.refreshFromEvent(toRefreshJobData(event('update', {})))).toBe('applied');
    expect(repo.applySnapshot.mock.calls[0][2]).toMatchObject({ eventTime: 1000 });
    wecom.getGroupChat.mockRejectedValue(
      WecomApiException.fromResponse('externalcontact/groupchat/get', 40050, 'x'),
    );
    expect(await service.refreshFromEvent(toRefreshJobData(event('create', {})))).toBe('dismissed');
    expect(repo.markDismissed).toHaveBeenCalled();
  });
});
