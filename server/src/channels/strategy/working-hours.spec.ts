import { dayKey, isWithinWorkingHours, localTime, validateWorkingHours } from './working-hours';

describe('working hours', () => {
  const shanghaiDay = {
    timezone: 'Asia/Shanghai',
    windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
  };

  it('reads the wall clock in the member’s time zone', () => {
    expect(localTime(new Date('2026-03-02T01:30:00Z'), 'Asia/Shanghai')).toEqual({
      weekday: 1,
      minutes: 9 * 60 + 30,
      date: '2026-03-02',
    });
    expect(localTime(new Date('2026-03-02T01:30:00Z'), 'America/Los_Angeles')).toEqual({
      weekday: 7,
      minutes: 17 * 60 + 30,
      date: '2026-03-01',
    });
  });

  it('counts a day in the channel’s time zone', () => {
    expect(dayKey(new Date('2026-03-01T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-03-02');
    expect(dayKey(new Date('2026-03-01T16:30:00Z'), 'UTC')).toBe('2026-03-01');
  });

  it.each([
    ['2026-03-02T00:59:00Z', false], // Mon 08:59
    ['2026-03-02T01:00:00Z', true], // Mon 09:00
    ['2026-03-02T09:59:00Z', true], // Mon 17:59
    ['2026-03-02T10:00:00Z', false], // Mon 18:00 (end is exclusive)
    ['2026-03-07T03:00:00Z', false], // Sat 11:00
  ])('a day shift at %s: %s', (iso, expected) => {
    expect(isWithinWorkingHours(shanghaiDay, new Date(iso))).toBe(expected);
  });

  it('treats no working hours as always on, and 24:00 as the end of the day', () => {
    expect(isWithinWorkingHours(null, new Date())).toBe(true);
    const late = { timezone: 'UTC', windows: [{ days: [1], start: '20:00', end: '24:00' }] };
    expect(isWithinWorkingHours(late, new Date('2026-03-02T23:59:00Z'))).toBe(true);
    expect(isWithinWorkingHours(late, new Date('2026-03-03T00:00:00Z'))).toBe(false);
  });

  it('explains what is wrong with a value', () => {
    expect(
      validateWorkingHours({
        timezone: 'Mars/Olympus',
        windows: [{ days: [0], start: '25:00', end: '9' }],
      }),
    ).toEqual([
      '"Mars/Olympus" is not a known time zone',
      'window days must be 1 (Monday) to 7 (Sunday)',
      'window start "25:00" must be HH:mm between 00:00 and 23:59',
      'window end "9" must be HH:mm',
    ]);
    expect(validateWorkingHours(shanghaiDay)).toEqual([]);
  });
});
