import { LastChatCache } from './last-chat-cache';

const at = (entries: Array<[string, number]>) => new Map(entries);

describe('LastChatCache (a customer’s last chat written when it moved by a step)', () => {
  it('writes a customer it does not know, then only when the newest message is a step later', () => {
    const cache = new LastChatCache(60_000);
    expect([...cache.due('corp', at([['wmA', 1_000]])).keys()]).toEqual(['wmA']);
    cache.remember('corp', at([['wmA', 1_000]]));
    expect(cache.due('corp', at([['wmA', 59_999]])).size).toBe(0);
    expect(cache.due('corp', at([['wmA', 500]])).size).toBe(0); // an older message: nothing
    expect([...cache.due('corp', at([['wmA', 61_000]]))]).toEqual([['wmA', 61_000]]);
  });

  it('forgets nothing it was not told: a batch that rolled back is written again', () => {
    const cache = new LastChatCache(60_000);
    const due = cache.due('corp', at([['wmA', 1_000]]));
    // the transaction failed: remember() not called
    expect(cache.due('corp', due).size).toBe(1);
  });

  it('keeps corps apart', () => {
    const cache = new LastChatCache(60_000);
    cache.remember('corpA', at([['wmA', 1_000]]));
    expect(cache.due('corpB', at([['wmA', 1_000]])).size).toBe(1);
  });

  it('never moves what it knows back, and forgets the least recently written first', () => {
    const cache = new LastChatCache(60_000, 2);
    cache.remember('corp', at([['wmA', 100_000]]));
    cache.remember('corp', at([['wmA', 1_000]])); // a late batch's older time
    expect(cache.due('corp', at([['wmA', 120_000]])).size).toBe(0);
    cache.remember('corp', at([['wmB', 1_000]]));
    cache.remember('corp', at([['wmC', 1_000]])); // over 2: wmA (written first) is forgotten
    expect(cache.due('corp', at([['wmA', 120_000]])).size).toBe(1);
    expect(cache.due('corp', at([['wmC', 2_000]])).size).toBe(0);
  });
});
