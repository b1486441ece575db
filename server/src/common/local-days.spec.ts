import { lastLocalDays } from './local-days';

describe('lastLocalDays', () => {
  it('counts days in the time zone: 2026-12-01 01:00 in Shanghai is still 11-30 in UTC', () => {
    const now = new Date('2026-11-30T17:00:00Z'); // 2026-12-01 01:00 +08:00
    const { days, from } = lastLocalDays(now, 480, 30);
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toBe('2026-12-01');
    expect(days[0]).toBe('2026-11-02');
    expect(from.toISOString()).toBe('2026-11-01T16:00:00.000Z'); // 11-02 00:00 +08:00
  });
});
