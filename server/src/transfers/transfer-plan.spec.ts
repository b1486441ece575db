import { batchesOf } from './transfer-plan.service';
import { errcodeSentence, stateOfFailReason, stateOfResult } from './transfer.types';

const items = (type: 'customer' | 'group', n: number, takeover = 'heir', state = 'planned') =>
  Array.from({ length: n }, (_, i) => ({
    itemType: type,
    targetId: `${type}${i}`,
    takeoverUserId: takeover,
    state,
  }));

describe('batchesOf (WeCom-sized batches)', () => {
  const now = new Date('2026-12-01T10:00:00Z');

  it('customers go 100 a call per successor; blocked ones are not sent', () => {
    const b = batchesOf(
      [
        ...items('customer', 250),
        ...items('customer', 30, 'other'),
        ...items('customer', 5, 'heir', 'blocked'),
      ],
      now,
    );
    expect(b.map((x) => [x.takeoverUserId, x.targetIds.length])).toEqual([
      ['heir', 100],
      ['heir', 100],
      ['heir', 50],
      ['other', 30],
    ]);
    expect(b.every((x) => x.notBefore === null)).toBe(true);
  });

  it('groups go 100 a call and 300 a day per owner: the rest on the following days', () => {
    const b = batchesOf(items('group', 650), now);
    expect(b.map((x) => x.targetIds.length)).toEqual([100, 100, 100, 100, 100, 100, 50]);
    expect(b.map((x) => x.notBefore?.toISOString() ?? null)).toEqual([
      null,
      null,
      null,
      '2026-12-02T10:00:00.000Z',
      '2026-12-02T10:00:00.000Z',
      '2026-12-02T10:00:00.000Z',
      '2026-12-03T10:00:00.000Z',
    ]);
  });
});

describe('WeCom answers → states', () => {
  it('maps transfer_result statuses and transfer_fail reasons', () => {
    expect([1, 2, 3, 4, 5].map(stateOfResult)).toEqual([
      'accepted',
      'waiting',
      'refused',
      'limit_reached',
      null,
    ]);
    expect(stateOfFailReason('customer_refused')).toBe('refused');
    expect(stateOfFailReason('customer_limit_exceed')).toBe('limit_reached');
  });

  it('says each transfer errcode in Chinese, and an unknown one with its code', () => {
    expect(errcodeSentence(40128)).toMatch(/90 天内/);
    expect(errcodeSentence(40097)).toBe('该成员尚未离职');
    expect(errcodeSentence(12345)).toBe('企业微信拒绝了转接（错误码 12345）');
  });
});
