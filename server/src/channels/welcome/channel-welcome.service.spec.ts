import { WecomApiException } from '../../wecom/wecom-api.exception';
import { JobName } from '../../queue/queue-names';
import { WelcomeSkipReason, WelcomeStatus } from '../entities/channel-add.entity';
import { ChannelWelcomeService, renderTemplate, WelcomeJobData } from './channel-welcome.service';

const channel = {
  id: '7',
  corpId: 'wwcorp01',
  name: '柜台',
  state: 'ch_abc',
  timezone: 'Asia/Shanghai',
  tagIds: ['et1'],
  remarkTemplate: null,
  welcome: {
    text: '{{name|朋友}}您好，我是{{staff}}',
    attachments: [{ type: 'link', title: '礼', url: 'https://x.test' }],
  },
};

function setup(opts: { inserted?: boolean; status?: WelcomeStatus; sendError?: Error } = {}) {
  const add = {
    id: '11',
    corpId: 'wwcorp01',
    channelId: '7',
    userId: 'lina',
    externalUserId: 'wm1',
    welcomeStatus: opts.status ?? WelcomeStatus.Pending,
    welcomeReason: null,
    attributedAt: null,
    countedAt: opts.inserted === false ? new Date() : null,
    eventTime: new Date(Date.UTC(2026, 10, 23, 16, 30)),
  };
  const repo = {
    findByStateCached: jest.fn().mockResolvedValue(channel),
    claimAdd: jest.fn().mockResolvedValue({ add, inserted: opts.inserted ?? true }),
    // runs the caller's writes "in the transaction" (the timeline entry)
    settleAdd: jest.fn(
      async (_a: unknown, _d: string, _c: unknown, inTx?: (tx: unknown) => unknown) => {
        await inTx?.('tx');
      },
    ),
    updateAdd: jest.fn().mockResolvedValue(undefined),
  };
  const timeline = { append: jest.fn().mockResolvedValue(1) };
  const tagMarks = { mark: jest.fn().mockResolvedValue({ done: [], failed: [] }) };
  const customers = {
    customerName: jest.fn().mockResolvedValue(null),
    recordRemark: jest.fn().mockResolvedValue(true),
  };
  const staff = { names: jest.fn().mockResolvedValue(new Map([['lina', '李娜']])) };
  const wecom = {
    sendWelcomeMsg: opts.sendError
      ? jest.fn().mockRejectedValue(opts.sendError)
      : jest.fn().mockResolvedValue(undefined),
    getExternalContact: jest.fn().mockResolvedValue({ external_contact: { name: '林小姐' } }),
    getUser: jest.fn(),
    remarkExternalContact: jest.fn().mockResolvedValue(undefined),
  };
  const jobs = { enqueue: jest.fn().mockResolvedValue({}) };
  const pool = { requestSync: jest.fn().mockResolvedValue(undefined) };
  const service = new ChannelWelcomeService(
    repo as never,
    // one fake for the three WeCom areas used: address book, customers, contact ways
    wecom as never,
    wecom as never,
    wecom as never,
    jobs as never,
    pool as never,
    timeline as never,
    tagMarks as never,
    customers as never,
    staff as never,
  );
  return { service, repo, wecom, jobs, pool, add, timeline, tagMarks, customers };
}

const data: WelcomeJobData = {
  corpId: 'wwcorp01',
  eventId: '99',
  changeType: 'add_external_contact',
  userId: 'lina',
  externalUserId: 'wm1',
  state: 'ch_abc',
  welcomeCode: 'code-1',
  createTime: 1_790_000_000,
  receivedAtMs: Date.now(),
};

describe('ChannelWelcomeService', () => {
  it('renders the name and staff variables, with fallbacks', () => {
    expect(renderTemplate('{{name}}您好', { name: '林小姐' })).toBe('林小姐您好');
    expect(renderTemplate('{{ name | 朋友 }}您好，{{staff}}', { name: null })).toBe('朋友您好，');
  });

  it('sends the welcome with the customer’s name (read from WeCom) and attachments, once', async () => {
    const { service, wecom, repo, jobs, timeline } = setup();
    const out = await service.handle(data);
    expect(wecom.sendWelcomeMsg).toHaveBeenCalledWith('wwcorp01', {
      welcome_code: 'code-1',
      text: { content: '林小姐您好，我是李娜' },
      attachments: [{ msgtype: 'link', link: { title: '礼', url: 'https://x.test' } }],
    });
    expect(out).toMatchObject({ outcome: 'handled', welcome: WelcomeStatus.Sent, replay: false });
    // bookkept after the send, counted on the add's day in the channel's time zone
    expect(repo.settleAdd).toHaveBeenCalledWith(
      expect.objectContaining({ id: '11' }),
      '2026-11-24',
      expect.objectContaining({ welcomeStatus: WelcomeStatus.Sent }),
      expect.any(Function),
    );
    // its timeline entry commits with the bookkeeping (the same transaction)
    expect(timeline.append).toHaveBeenCalledWith(
      'wwcorp01',
      expect.objectContaining({ kind: 'welcome_sent', dedupeKey: 'channel-welcome:11' }),
      'tx',
    );
    expect(repo.settleAdd.mock.invocationCallOrder[0]).toBeGreaterThan(
      wecom.sendWelcomeMsg.mock.invocationCallOrder[0],
    );
    // the name read is one the mirror's handler of the same add can reuse
    expect(wecom.getExternalContact).toHaveBeenCalledWith('wwcorp01', 'wm1', {
      freshSince: data.receivedAtMs,
    });
    // the channel's tags and remark follow in their own job, which waits for nothing
    expect(jobs.enqueue).toHaveBeenCalledWith(
      JobName.WriteChannelAdd,
      { corpId: 'wwcorp01', addId: '11' },
      expect.objectContaining({ jobId: 'channel-add:11' }),
    );
  });

  it('a replay of an add whose welcome is settled sends nothing and counts nothing', async () => {
    const { service, wecom, repo } = setup({ inserted: false, status: WelcomeStatus.Sent });
    const out = await service.handle(data);
    expect(wecom.sendWelcomeMsg).not.toHaveBeenCalled();
    expect(repo.settleAdd).not.toHaveBeenCalled();
    expect(out).toMatchObject({ replay: true, welcome: WelcomeStatus.Sent });
  });

  it.each([
    [41051, WelcomeSkipReason.AlreadySent, WelcomeStatus.Skipped],
    [41050, WelcomeSkipReason.CodeExpired, WelcomeStatus.Skipped],
    [40058, WelcomeSkipReason.Refused, WelcomeStatus.Failed],
  ])('errcode %i is recorded as %s and not retried', async (errcode, reason, status) => {
    const err = WecomApiException.fromResponse('externalcontact/send_welcome_msg', errcode, 'x');
    const { service, repo, timeline } = setup({ sendError: err });
    await expect(service.handle(data)).resolves.toMatchObject({ welcome: status, reason });
    expect(repo.settleAdd).toHaveBeenCalledWith(
      expect.objectContaining({ id: '11' }),
      expect.any(String),
      { welcomeStatus: status, welcomeReason: reason, welcomeErrcode: errcode },
      expect.any(Function),
    );
    expect(timeline.append.mock.calls[0][1]).toMatchObject({ kind: 'welcome_skipped' });
  });

  it('a transient failure is retried while the 20 s window is open, recorded after', async () => {
    const err = WecomApiException.fromResponse('externalcontact/send_welcome_msg', -1, 'busy');
    const first = setup({ sendError: err });
    await expect(first.service.handle(data)).rejects.toBe(err);
    // nothing recorded or counted: the retry sends again
    expect(first.repo.settleAdd).not.toHaveBeenCalled();
    const late = await setup({ sendError: err }).service.handle({
      ...data,
      receivedAtMs: Date.now() - 19_500,
    });
    expect(late).toMatchObject({ welcome: WelcomeStatus.Failed, reason: 'window_passed' });
  });

  it('records why nothing was sent without a WelcomeCode', async () => {
    const { service, wecom, repo, timeline } = setup();
    await service.handle({ ...data, welcomeCode: null });
    expect(wecom.sendWelcomeMsg).not.toHaveBeenCalled();
    const entry = timeline.append.mock.calls[0][1];
    expect(entry).toMatchObject({ kind: 'welcome_skipped' });
    expect(entry.detail.reason).toBe(WelcomeSkipReason.NoWelcomeCode);
    expect(repo.claimAdd).toHaveBeenCalledWith(expect.objectContaining({ addKey: 't1790000000' }));
  });

  it('the follow-up marks the channel’s tags and writes the remark to WeCom and the mirror', async () => {
    const { service, repo, wecom, tagMarks, customers, add } = setup();
    Object.assign(add, { tagsMarkedAt: null, remarkedAt: null, receivedAt: new Date() });
    const remarked = { ...channel, remarkTemplate: '静安-{{name|客户}}' };
    Object.assign(repo, {
      findAdd: jest.fn().mockResolvedValue(add),
      findByIdWithDeleted: jest.fn().mockResolvedValue(remarked),
    });
    await service.writeAdd({ corpId: 'wwcorp01', addId: '11' });
    expect(tagMarks.mark).toHaveBeenCalledWith(
      expect.objectContaining({
        relations: [{ externalUserId: 'wm1', userId: 'lina' }],
        tagIds: ['et1'],
        source: 'channel',
        evidence: { channelId: '7', channelName: '柜台' },
      }),
    );
    expect(wecom.remarkExternalContact).toHaveBeenCalledWith('wwcorp01', {
      userid: 'lina',
      external_userid: 'wm1',
      remark: '静安-林小姐',
    });
    // the writer updates the mirror: WeCom sends no callback for an API write
    expect(customers.recordRemark).toHaveBeenCalledWith('wwcorp01', 'wm1', 'lina', '静安-林小姐');
    expect(repo.updateAdd).toHaveBeenCalledWith(
      '11',
      expect.objectContaining({ tagsMarkedOk: true }),
    );
  });

  it('the ingest hook enqueues adds with a State only, keyed by the welcome code', async () => {
    const { service, jobs } = setup();
    const base = {
      id: '5',
      corpId: 'wwcorp01',
      event: 'change_external_contact',
      changeType: 'add_half_external_contact',
      createTime: 1,
      receivedAt: new Date(1000),
    };
    await expect(
      service.onContactAdded({ ...base, payload: { UserID: 'u', ExternalUserID: 'wm' } }),
    ).resolves.toBe(false);
    await expect(
      service.onContactAdded({ ...base, changeType: 'edit_external_contact', payload: {} }),
    ).resolves.toBe(false);
    // another tool's contact way: its state is not shaped like a channel's
    await expect(
      service.onContactAdded({
        ...base,
        payload: { UserID: 'u', ExternalUserID: 'wm', State: 'poster-2', WelcomeCode: 'c8' },
      }),
    ).resolves.toBe(false);
    await expect(
      service.onContactAdded({
        ...base,
        payload: { UserID: 'u', ExternalUserID: 'wm', State: 'ch_0123456789ab', WelcomeCode: 'c9' },
      }),
    ).resolves.toBe(true);
    expect(jobs.enqueue).toHaveBeenCalledWith(
      JobName.SendWelcome,
      expect.objectContaining({ state: 'ch_0123456789ab', welcomeCode: 'c9', receivedAtMs: 1000 }),
      expect.objectContaining({ jobId: 'welcome:wwcorp01:c9', priority: 1 }),
    );
  });
  it('a stalled Redis: the hook gives up waiting after 1 s, then logs that the welcome was queued late (no error)', async () => {
    const { service, jobs } = setup();
    let land: () => void = () => undefined;
    jobs.enqueue.mockReturnValue(new Promise<void>((resolve) => (land = resolve)));
    const logger = (service as unknown as { logger: Record<string, jest.Mock> }).logger;
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const started = Date.now();
    const answered = await service.onContactAdded({
      id: '6',
      corpId: 'wwcorp01',
      event: 'change_external_contact',
      changeType: 'add_external_contact',
      createTime: 1,
      receivedAt: new Date(1000),
      payload: { UserID: 'u', ExternalUserID: 'wm', State: 'ch_0123456789ab', WelcomeCode: 'c10' },
    });
    expect(answered).toBe(false);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(warn).toHaveBeenLastCalledWith(
      expect.objectContaining({ jobId: 'welcome:wwcorp01:c10' }),
      expect.stringMatching(/did not answer within 1000 ms; still trying/),
    );
    land();
    await new Promise((r) => setImmediate(r));
    expect(warn).toHaveBeenLastCalledWith(
      expect.objectContaining({ jobId: 'welcome:wwcorp01:c10' }),
      expect.stringMatching(/^queued a channel welcome \d+ ms late$/),
    );
    expect(error).not.toHaveBeenCalled();
  });
});
