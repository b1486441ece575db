import { csvCell } from './channel-stats.service';
import { tzOffsetMinutes } from '../strategy/working-hours';

describe('funnel helpers', () => {
  it('quotes CSV cells and defuses spreadsheet formulas', () => {
    expect(csvCell('静安店,柜台')).toBe('"静安店,柜台"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('knows the offset of a time zone, with DST', () => {
    expect(tzOffsetMinutes(new Date('2026-01-15T12:00:00Z'), 'Asia/Shanghai')).toBe(480);
    expect(tzOffsetMinutes(new Date('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-300);
    expect(tzOffsetMinutes(new Date('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-240);
  });
});
