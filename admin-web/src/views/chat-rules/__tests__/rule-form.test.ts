import { describe, expect, it } from 'vitest';
import { emptyRule, formProblems, ruleBody, scopeText } from '../rule-form';

describe('chat rule form', () => {
  it('a new rule needs a name, keywords and tags before it is sent', () => {
    expect(formProblems(emptyRule())).toEqual(['name', 'keywords', 'tagIds']);
    expect(
      formProblems({ ...emptyRule(), name: '奶粉', keywords: ['奶粉'], tagIds: ['et1'] }),
    ).toEqual([]);
    expect(
      formProblems({ ...emptyRule(), name: 'x', keywords: ['x'], tagIds: ['t'], senders: [] }),
    ).toEqual(['senders']);
  });

  it('a saved rule becomes the form without its server fields; the scope reads as a sentence', () => {
    const saved = {
      ...emptyRule(),
      name: '奶粉意向',
      keywords: ['奶粉'],
      tagIds: ['et1'],
      enabled: true,
      exclusions: [],
      customWords: [],
      segmentation: true,
      departmentIds: [2, 3],
      id: '7',
      corpId: 'ww1',
      hitCount: 3,
      lastHitAt: null,
      updatedAt: '2026-12-01T00:00:00Z',
    };
    const body = ruleBody(saved);
    expect(body).not.toHaveProperty('hitCount');
    expect(body.departmentIds).toEqual([2, 3]);
    const t = (k: string, p?: Record<string, unknown>) => (p ? `${k}:${JSON.stringify(p)}` : k);
    expect(scopeText(saved, t)).toBe(
      'chat.scope.customer · chat.scope.private、chat.scope.group · chat.scope.departments:{"n":2}',
    );
  });
});
