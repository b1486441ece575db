import { CallbackIngestService } from './callback-ingest.service';
import { CallbackException, CallbackRejection } from './callback.exception';
import type { InsertTicket } from './callback-event.repository';

const corpId = 'wwingest0001';

/** The ingest with its collaborators faked: `insert` decides how storing an event goes. */
function setup(insert: (ticket?: InsertTicket) => Promise<{ id: string; inserted: boolean }>) {
  const config: Record<string, unknown> = {
    'wecom.callbackMaxSkewSeconds': 600,
    'wecom.callbackIngestDeadlineMs': 150,
    'wecom.callbackIngestMaxPending': 2,
    'queue.prefix': 'test',
  };
  const events = { insertIfNew: jest.fn((_e: unknown, ticket?: InsertTicket) => insert(ticket)) };
  let n = 0;
  const crypto = {
    parseEnvelope: () => ({ ToUserName: corpId, Encrypt: 'e' }),
    decryptMessage: () =>
      `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><CreateTime>1796000000</CreateTime><Event><![CDATA[probe]]></Event><Seq>${++n}</Seq></xml>`,
  };
  const service = new CallbackIngestService(
    { credentials: async () => ({ corpId, callbackToken: 't', encodingAESKey: 'k' }) } as never,
    crypto as never,
    events as never,
    { enqueue: jest.fn().mockResolvedValue({}) } as never,
    { runIngestHooks: jest.fn().mockResolvedValue(undefined) } as never,
    { hincrby: jest.fn().mockResolvedValue(1) } as never,
    { get: (key: string) => config[key] } as never,
  );
  jest
    .spyOn((service as unknown as { logger: { warn: () => void } }).logger, 'warn')
    .mockImplementation(() => undefined);
  const query = {
    msg_signature: 's',
    timestamp: String(Math.floor(Date.now() / 1000)),
    nonce: 'n',
  };
  const receive = () => service.receive(corpId, query, '<xml/>');
  return { receive, events };
}

const rejection = (reason: CallbackRejection) =>
  expect.objectContaining({ reason, status: 503 }) as unknown as CallbackException;

describe('CallbackIngestService under a stalled database', () => {
  it('answers 503 at the deadline and withdraws the event that still waits for its statement', async () => {
    const withdrawn: unknown[] = [];
    const { receive } = setup(
      (ticket) =>
        new Promise((_resolve, reject) => {
          ticket!.withdraw = (reason) => {
            withdrawn.push(reason);
            reject(reason);
          };
        }),
    );
    const started = Date.now();
    await expect(receive()).rejects.toEqual(rejection(CallbackRejection.StoreTimeout));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(withdrawn).toEqual([rejection(CallbackRejection.StoreTimeout)]);
  });

  it('answers 503 at once beyond the bound of callbacks being stored, and takes more once they finish', async () => {
    const finish: Array<() => void> = [];
    const { receive, events } = setup(
      () => new Promise((resolve) => finish.push(() => resolve({ id: '1', inserted: false }))),
    );
    const first = receive();
    const second = receive();
    await new Promise((r) => setImmediate(r));
    const started = Date.now();
    await expect(receive()).rejects.toEqual(rejection(CallbackRejection.Overloaded));
    expect(Date.now() - started).toBeLessThan(50);
    expect(events.insertIfNew).toHaveBeenCalledTimes(2);
    finish.forEach((f) => f());
    await expect(first).resolves.toEqual({ eventId: '1', duplicate: true });
    await expect(second).resolves.toEqual({ eventId: '1', duplicate: true });
    const third = receive();
    await new Promise((r) => setImmediate(r));
    finish[2]();
    await expect(third).resolves.toEqual({ eventId: '1', duplicate: true });
  });

  it('a slow insert that lands after its 503 frees its place in the bound only then', async () => {
    const finish: Array<() => void> = [];
    const { receive } = setup(
      () => new Promise((resolve) => finish.push(() => resolve({ id: '9', inserted: true }))),
    );
    await expect(receive()).rejects.toEqual(rejection(CallbackRejection.StoreTimeout));
    await expect(receive()).rejects.toEqual(rejection(CallbackRejection.StoreTimeout));
    // both inserts are still running: the bound (2) is full
    await expect(receive()).rejects.toEqual(rejection(CallbackRejection.Overloaded));
    finish[0]();
    await new Promise((r) => setImmediate(r));
    const next = receive();
    await new Promise((r) => setImmediate(r));
    finish[2]();
    await expect(next).resolves.toEqual({ eventId: '9', duplicate: false });
  });

  it('a database error is a 503, not a 500', async () => {
    const { receive } = setup(() =>
      Promise.reject(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' })),
    );
    await expect(receive()).rejects.toEqual(rejection(CallbackRejection.StoreUnavailable));
  });
});
