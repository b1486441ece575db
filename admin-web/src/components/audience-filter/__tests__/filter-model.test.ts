import { describe, expect, it } from 'vitest';
import { emptyForm, fromFilter, toFilter } from '../filter-model';

describe('audience filter form ↔ API filter', () => {
  it('an empty form is an empty filter (every current customer)', () => {
    expect(toFilter(emptyForm())).toEqual({});
  });

  it('sends only the conditions set, tag groups without tags dropped, days as instants', () => {
    const form = {
      ...emptyForm(),
      tags: [
        { op: 'any' as const, tagIds: ['et1', 'et2'] },
        { op: 'none' as const, tagIds: [] },
      ],
      staffUserIds: ['lina'],
      added: ['2026-11-01', '2026-11-30'] as [string, string],
      genders: [2],
      groupChatIds: ['wr1'],
      search: '  奶粉 ',
    };
    const f = toFilter(form);
    expect(f).toMatchObject({
      tags: [{ op: 'any', tagIds: ['et1', 'et2'] }],
      staffUserIds: ['lina'],
      genders: [2],
      groups: { chatIds: ['wr1'] },
      search: '奶粉',
    });
    expect(Date.parse(f.addedTo!) - Date.parse(f.addedFrom!)).toBe(30 * 86_400_000);
  });

  it('"in no group" wins over picked groups; a saved filter comes back as the same form', () => {
    const form = { ...emptyForm(), groupChatIds: ['wr1'], inNoGroup: true };
    expect(toFilter(form).groups).toEqual({ none: true });
    const saved = { tags: [{ op: 'all' as const, tagIds: ['et3'] }], customerTypes: [1] };
    const back = fromFilter(
      saved,
      (x) => x.slice(0, 10),
      (x) => x.slice(0, 10),
    );
    expect(toFilter(back)).toEqual(saved);
  });
});
