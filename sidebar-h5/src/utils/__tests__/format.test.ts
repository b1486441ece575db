import { afterEach, describe, expect, it } from 'vitest';
import { corpTimeIso, formatDate, formatDateTime, setCorpTimeZone, todayInCorp } from '../format';

describe('dates in the corp time zone (Asia/Shanghai by default), whatever the device zone', () => {
  afterEach(() => setCorpTimeZone(null));
  it('shows an instant as Shanghai wall-clock time', () => {
    // 16:30 UTC is 00:30 the next day in Shanghai
    expect(formatDateTime('2026-11-30T16:30:00.000Z')).toBe('2026-12-01 00:30');
    expect(formatDate('2026-11-30T16:30:00.000Z')).toBe('2026-12-01');
  });

  it('shows a dash for a missing or unreadable time', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });

  it('turns a picked day at 09:00 into the instant of 09:00 in Shanghai', () => {
    expect(corpTimeIso('2026-12-05')).toBe('2026-12-05T01:00:00.000Z');
    expect(corpTimeIso('2026-12-05', '23:30')).toBe('2026-12-05T15:30:00.000Z');
  });

  it("knows today's date in Shanghai", () => {
    expect(todayInCorp(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
  });

  it("follows the corp's own zone once /me has said it, daylight saving included", () => {
    setCorpTimeZone('Europe/Berlin');
    expect(formatDateTime('2026-07-01T10:00:00.000Z')).toBe('2026-07-01 12:00');
    expect(formatDateTime('2026-12-01T10:00:00.000Z')).toBe('2026-12-01 11:00');
    expect(corpTimeIso('2026-07-01')).toBe('2026-07-01T07:00:00.000Z');
    expect(corpTimeIso('2026-12-01')).toBe('2026-12-01T08:00:00.000Z');
  });

  it('keeps the default for a zone the browser does not know', () => {
    setCorpTimeZone('Mars/Olympus');
    expect(formatDateTime('2026-11-30T16:30:00.000Z')).toBe('2026-12-01 00:30');
  });
});
