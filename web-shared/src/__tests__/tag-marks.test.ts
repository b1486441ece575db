import { describe, expect, it } from 'vitest';
import { tagMarkBy } from '../tag-marks';

describe('who a tag entry credits', () => {
  it('credits an admin or a bulk job by hand, not the relation’s staff member', () => {
    expect(tagMarkBy({ source: 'manual', actor: 'admin' }, 'lina')).toEqual({
      by: 'actor',
      actor: 'admin',
    });
  });

  it('credits the staff member who marked their own relation (the sidebar)', () => {
    expect(tagMarkBy({ source: 'manual', actor: 'lina' }, 'lina')).toEqual({ by: 'staff' });
  });

  it('names the rule, channel, import, sync or WeCom app for the other sources', () => {
    for (const source of ['chat_rule', 'channel', 'import', 'sync', 'wecom'])
      expect(tagMarkBy({ source, actor: 'r1' }, 'lina')).toEqual({ by: source });
  });

  it('reads an entry without source (written before it was recorded) as the staff member', () => {
    expect(tagMarkBy({}, 'lina')).toEqual({ by: 'staff' });
    expect(tagMarkBy(null, 'lina')).toEqual({ by: 'staff' });
  });
});
