import { describe, expect, it } from 'vitest';
import type { CampaignsApi } from '#/api/campaigns';
import { byDay, clashingIds, rangeOf, shift, visibleDays, weekStart } from '../calendar-model';

const entry = (over: Partial<CampaignsApi.Entry>): CampaignsApi.Entry => ({
  id: '1',
  kind: 'broadcast',
  title: 't',
  state: 'scheduled',
  phase: 'scheduled',
  at: '2026-12-01T02:00:00.000Z',
  day: '2026-12-01',
  scheduledAt: null,
  sentAt: null,
  segmentId: null,
  link: '/broadcasts/1',
  ...over,
});

describe('campaign calendar model', () => {
  it('shows whole weeks, Monday first', () => {
    expect(weekStart('2026-12-06')).toBe('2026-11-30'); // a Sunday → its Monday
    expect(visibleDays('month', '2026-12-15')).toEqual({ first: '2026-11-30', last: '2027-01-03' });
    expect(visibleDays('week', '2026-12-03')).toEqual({ first: '2026-11-30', last: '2026-12-06' });
    expect(shift('week', '2026-12-03', 1)).toBe('2026-12-10');
    expect(shift('month', '2026-12-31', -1)).toBe('2026-11-30');
  });

  it('asks the API for the view’s days in the corp’s time zone', () => {
    expect(rangeOf('week', '2026-12-03')).toEqual({
      from: '2026-11-29T16:00:00.000Z',
      to: '2026-12-06T16:00:00.000Z',
    });
  });

  it('groups by day and marks a segment reached twice the same day, not cancelled ones', () => {
    const entries = [
      entry({ id: '1', segmentId: '7' }),
      entry({ id: '2', segmentId: '7' }),
      entry({ id: '3', segmentId: '7', phase: 'cancelled' }),
      entry({ id: '4', segmentId: '7', day: '2026-12-02' }),
      entry({ id: '5', kind: 'moment' }),
    ];
    expect(byDay(entries).get('2026-12-01')).toHaveLength(4);
    expect([...clashingIds(entries)].sort()).toEqual(['broadcast:1', 'broadcast:2']);
  });
});
