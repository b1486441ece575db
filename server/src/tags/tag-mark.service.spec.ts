import { DomainEventBus } from '../events/domain-event-bus';
import type { TagsChanged } from '../events/domain-events';
import { WecomApiException } from '../wecom/wecom-api.exception';
import { TagMarkService, TagSource } from './tag-mark.service';

/** TagMarkService over an in-memory customer_tag, with the precedence rule of the repository. */
function setup(opts: { markTag?: jest.Mock } = {}) {
  const rank = ['sync', 'wecom', 'channel', 'chat_rule', 'import', 'manual'];
  const rows = new Map<string, { source: string; actor: string | null }>();
  const key = (m: { externalUserId: string; userId: string; tagId: string }) =>
    `${m.externalUserId}/${m.userId}/${m.tagId}`;
  const repo = {
    find: jest.fn(async (_tx: unknown, _corp: string, marks: Array<Parameters<typeof key>[0]>) =>
      marks.filter((m) => rows.has(key(m))).map((m) => ({ ...m, ...rows.get(key(m))! })),
    ),
    upsert: jest.fn(
      async (
        _tx: unknown,
        _corp: string,
        marks: Array<Parameters<typeof key>[0] & { source: string; actor?: string | null }>,
      ) => {
        for (const m of marks) {
          const had = rows.get(key(m));
          if (!had || rank.indexOf(m.source) > rank.indexOf(had.source))
            rows.set(key(m), { source: m.source, actor: m.actor ?? null });
        }
      },
    ),
    deleteMany: jest.fn(
      async (_tx: unknown, _corp: string, marks: Array<Parameters<typeof key>[0]>) => {
        for (const m of marks) rows.delete(key(m));
      },
    ),
  };
  const wecom = { markTag: opts.markTag ?? jest.fn().mockResolvedValue(undefined) };
  const timeline = { append: jest.fn().mockResolvedValue(1) };
  const events = new DomainEventBus();
  const changed: TagsChanged[] = [];
  events.on('TagsChanged', (e) => void changed.push(e));
  const service = new TagMarkService(repo as never, wecom as never, timeline as never, events);
  return { service, rows, wecom, timeline, changed };
}

const req = (over: Partial<Parameters<TagMarkService['mark']>[0]> = {}) => ({
  corpId: 'wwcorp01',
  relations: [
    { externalUserId: 'wm1', userId: 'lina' },
    { externalUserId: 'wm2', userId: 'lina' },
  ],
  tagIds: ['et1'],
  source: TagSource.Manual,
  actor: 'admin',
  ref: 'bulk:1',
  ...over,
});

describe('TagMarkService', () => {
  it('marks in WeCom then in the mirror, once: a second mark changes nothing', async () => {
    const { service, rows, wecom, timeline, changed } = setup();
    const first = await service.mark(req());
    expect(first.done).toHaveLength(2);
    expect(wecom.markTag).toHaveBeenCalledWith('wwcorp01', {
      userid: 'lina',
      external_userid: 'wm1',
      add_tag: ['et1'],
    });
    expect(rows.get('wm1/lina/et1')).toEqual({ source: 'manual', actor: 'admin' });
    expect(timeline.append).toHaveBeenCalledTimes(1);
    expect(changed.map((c) => [c.externalUserId, c.added])).toEqual([
      ['wm1', ['et1']],
      ['wm2', ['et1']],
    ]);
    await service.mark(req());
    expect(timeline.append).toHaveBeenCalledTimes(1);
    expect(changed).toHaveLength(2);
  });

  it('which source wins: a channel mark after a manual one keeps the manual source', async () => {
    const { service, rows } = setup();
    await service.mark(req({ relations: [{ externalUserId: 'wm1', userId: 'lina' }] }));
    await service.mark(
      req({
        relations: [{ externalUserId: 'wm1', userId: 'lina' }],
        source: TagSource.Channel,
        actor: null,
      }),
    );
    expect(rows.get('wm1/lina/et1')).toEqual({ source: 'manual', actor: 'admin' });
  });

  it('a refusal that will not pass is reported per relation; the mirror is not written for it', async () => {
    const markTag = jest.fn(async (_c: string, r: { external_userid: string }) => {
      if (r.external_userid === 'wm2')
        throw WecomApiException.fromResponse(
          'externalcontact/mark_tag',
          84061,
          'not external contact',
        );
    });
    const { service, rows } = setup({ markTag });
    const res = await service.mark(req());
    expect(res.done).toEqual([{ externalUserId: 'wm1', userId: 'lina' }]);
    expect(res.failed).toEqual([
      expect.objectContaining({ externalUserId: 'wm2', errcode: 84061 }),
    ]);
    expect([...rows.keys()]).toEqual(['wm1/lina/et1']);
  });

  it('a transient WeCom error is thrown, for the calling job to retry', async () => {
    const err = WecomApiException.fromResponse('externalcontact/mark_tag', -1, 'busy');
    const { service, rows } = setup({ markTag: jest.fn().mockRejectedValue(err) });
    await expect(service.mark(req())).rejects.toBe(err);
    expect(rows.size).toBe(0);
  });

  it('unmark removes the mark whatever its source, and says so once', async () => {
    const { service, rows, changed } = setup();
    await service.mark(req({ source: TagSource.Import }));
    await service.unmark(req({ source: TagSource.ChatRule }));
    await service.unmark(req({ source: TagSource.ChatRule }));
    expect(rows.size).toBe(0);
    expect(changed.filter((c) => c.removed.length)).toHaveLength(2);
  });
});
