import { inboxEvent } from '../common/testing/inbox-event';
import { WecomApiException } from '../wecom/wecom-api.exception';
import { DomainEventBus } from '../events/domain-event-bus';
import { StaffService } from './staff.service';

const event = (changeType: string, payload: Record<string, unknown>, createTime = 1000) =>
  inboxEvent({
    id: '1',
    corpId: 'wwcorp01',
    event: 'change_contact',
    changeType,
    createTime,
    payload,
  });

function newService() {
  const repo = {
    upsertStaff: jest.fn(),
    markDeparted: jest.fn().mockResolvedValue(true),
    renameUserId: jest.fn(),
    upsertDepartments: jest.fn(),
    markDepartmentsDeletedExcept: jest.fn(),
  };
  const wecom = {
    getUser: jest.fn(),
    getFollowUserList: jest.fn().mockResolvedValue(['lina']),
    listDepartments: jest.fn().mockResolvedValue([{ id: 1, name: 'HQ', parentid: 0 }]),
  };
  const lock = { run: jest.fn((_n: string, fn: () => Promise<unknown>) => fn()) };
  const events = new DomainEventBus();
  const seen: Array<[string, unknown]> = [];
  for (const name of ['StaffDeparted', 'StaffUserIdRenamed'] as const)
    events.on(name, (e) => void seen.push([name, e]));
  const access = { revokeDeparted: jest.fn(async () => undefined) };
  const counts = { activeCountByStaff: jest.fn().mockResolvedValue(new Map()) };
  const service = new StaffService(
    repo as never,
    wecom as never,
    wecom as never,
    lock as never,
    events,
    counts as never,
    access as never,
  );
  return { service, repo, wecom, seen, access };
}

describe('staff events', () => {
  it('create/update re-read the member, with customer_contact from the follow list', async () => {
    const { service, repo, wecom } = newService();
    wecom.getUser.mockResolvedValue({ userid: 'lina', name: '李娜', department: [2], status: 1 });
    await service.handleContactEvent(event('update_user', { UserID: 'lina' }));
    expect(repo.upsertStaff).toHaveBeenCalledWith('wwcorp01', [
      expect.objectContaining({ userId: 'lina', name: '李娜', customerContact: true }),
    ]);
  });

  it('delete_user: user/get 60111 marks the member departed at the event time', async () => {
    const { service, repo, wecom, seen, access } = newService();
    wecom.getUser.mockRejectedValue(WecomApiException.fromResponse('user/get', 60111, 'x'));
    await service.handleContactEvent(event('delete_user', { UserID: 'lina' }, 1234));
    expect(repo.markDeparted).toHaveBeenCalledWith('wwcorp01', 'lina', new Date(1234_000));
    expect(repo.upsertStaff).not.toHaveBeenCalled();
    // and their console sign-in (WeCom web login) ends
    expect(access.revokeDeparted).toHaveBeenCalledWith('wwcorp01', 'lina');
    expect(seen).toEqual([
      [
        'StaffDeparted',
        { corpId: 'wwcorp01', userId: 'lina', departedAt: new Date(1234_000), via: 'delete_user' },
      ],
    ]);
    // already departed (a replay, the next sync): no second StaffDeparted
    repo.markDeparted.mockResolvedValue(false);
    await service.handleContactEvent(event('delete_user', { UserID: 'lina' }, 1234));
    expect(seen).toHaveLength(1);
  });

  it('a delete_user older than a re-creation leaves the member active (WeCom says so)', async () => {
    const { service, repo, wecom, access } = newService();
    wecom.getUser.mockResolvedValue({ userid: 'lina', name: '李娜', status: 1 });
    await service.handleContactEvent(event('delete_user', { UserID: 'lina' }));
    expect(repo.markDeparted).not.toHaveBeenCalled();
    expect(repo.upsertStaff).toHaveBeenCalled();
    expect(access.revokeDeparted).not.toHaveBeenCalled();
  });

  it('NewUserID renames the staff row, tells the other owners, then reads the new userid', async () => {
    const { service, repo, wecom, seen } = newService();
    wecom.getUser.mockResolvedValue({ userid: 'lina2', name: '李娜', status: 1 });
    await service.handleContactEvent(event('update_user', { UserID: 'lina', NewUserID: 'lina2' }));
    expect(repo.renameUserId).toHaveBeenCalledWith('wwcorp01', 'lina', 'lina2');
    expect(seen).toEqual([
      ['StaffUserIdRenamed', { corpId: 'wwcorp01', oldUserId: 'lina', newUserId: 'lina2' }],
    ]);
    expect(wecom.getUser).toHaveBeenCalledWith('wwcorp01', 'lina2');
  });

  it('party events re-read the department tree and mark missing ones deleted', async () => {
    const { service, repo } = newService();
    await service.handleContactEvent(event('delete_party', { Id: '7' }));
    expect(repo.upsertDepartments).toHaveBeenCalledWith('wwcorp01', [
      { id: 1, name: 'HQ', parentId: 0, sortOrder: 0 },
    ]);
    expect(repo.markDepartmentsDeletedExcept).toHaveBeenCalledWith('wwcorp01', [1]);
  });
});
