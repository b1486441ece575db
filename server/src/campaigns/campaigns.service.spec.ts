import type { ModuleRef } from '@nestjs/core';
import type { MomentService } from '../moments/moment.service';
import { MomentState } from '../moments/entities/moment.entity';
import { BroadcastCalendarSource, CalendarEntry, phaseOf } from './calendar-entry';
import { CampaignsService } from './campaigns.service';

const broadcast = (over: Partial<CalendarEntry>): CalendarEntry => ({
  id: '1',
  kind: 'broadcast',
  title: '618 预热',
  state: 'scheduled',
  scheduledAt: new Date('2026-06-10T02:00:00Z'),
  sentAt: null,
  segmentId: '7',
  ...over,
});

function service(broadcasts: CalendarEntry[] | null) {
  const moments = {
    calendarItems: jest.fn().mockResolvedValue([
      {
        id: '5',
        title: '朋友圈',
        state: MomentState.Created,
        scheduledAt: new Date('2026-06-10T01:00:00Z'),
        sentAt: new Date('2026-06-10T01:00:05Z'),
      },
    ]),
  } as unknown as MomentService;
  const source: BroadcastCalendarSource | null = broadcasts
    ? { calendarEntries: jest.fn().mockResolvedValue(broadcasts) }
    : null;
  const moduleRef = {
    get: () => {
      if (!source) throw new Error('no provider');
      return source;
    },
  } as unknown as ModuleRef;
  return new CampaignsService(moments, moduleRef);
}

describe('CampaignsService', () => {
  it('puts moments and broadcasts on their local day, coloured by phase', async () => {
    const s = service([
      broadcast({ id: '2', state: 'cancelled', scheduledAt: new Date('2026-06-10T17:00:00Z') }),
    ]);
    const cal = await s.calendar('ww1', new Date('2026-06-01'), new Date('2026-07-01'));
    expect(cal.map((e) => [e.kind, e.id, e.phase, e.day, e.link])).toEqual([
      ['moment', '5', 'sent', '2026-06-10', '/moments/5'],
      // 17:00 UTC is the next day in Shanghai
      ['broadcast', '2', 'cancelled', '2026-06-11', '/broadcasts/2'],
    ]);
  });

  it('works without the broadcasts module', async () => {
    const cal = await service(null).calendar('ww1', new Date('2026-06-01'), new Date('2026-07-01'));
    expect(cal).toHaveLength(1);
  });

  it('refuses a range over 62 days or backwards', async () => {
    const s = service(null);
    await expect(s.calendar('ww1', new Date('2026-01-01'), new Date('2026-04-01'))).rejects.toThrow(
      /62/,
    );
    await expect(
      s.calendar('ww1', new Date('2026-02-01'), new Date('2026-01-01')),
    ).rejects.toThrow();
  });

  it('warns when a segment is hit twice on one day, not for itself, cancelled ones or other days', async () => {
    const s = service([
      broadcast({ id: '1' }),
      broadcast({ id: '2', state: 'cancelled' }),
      broadcast({ id: '3', segmentId: '8' }),
    ]);
    const hit = await s.clashes('ww1', '7', new Date('2026-06-10T09:00:00Z'));
    expect(hit.clash).toBe(true);
    expect(hit.entries.map((e) => e.id)).toEqual(['1']);
    expect(hit.warning).toMatch(/2026-06-10.*「618 预热」/);
    expect((await s.clashes('ww1', '7', new Date('2026-06-10T09:00:00Z'), '1')).clash).toBe(false);
    expect((await s.clashes('ww1', '7', new Date('2026-06-11T09:00:00Z'))).clash).toBe(false);
  });

  it('maps the sources’ state words to colours', () => {
    expect(
      ['scheduled', 'sending', 'sent', 'expired', 'canceled', 'whatever'].map(phaseOf),
    ).toEqual(['scheduled', 'in_progress', 'sent', 'failed', 'cancelled', 'in_progress']);
  });
});
