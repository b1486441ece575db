import { compileRules, matchMessage, matchText, prepare, RuleDefinition } from './rule-matcher';

const rule = (over: Partial<RuleDefinition> = {}): RuleDefinition => ({
  id: '1',
  name: '奶粉意向',
  enabled: true,
  matchMode: 'any',
  keywords: ['奶粉'],
  exclusions: [],
  segmentation: true,
  customWords: [],
  senders: ['customer'],
  chatTypes: ['private', 'group'],
  departmentIds: null,
  tagIds: ['et1'],
  ...over,
});

const matches = (def: RuleDefinition, text: string) => {
  const set = compileRules([def]);
  return matchText(set.rules[0], prepare(set, text)).matched;
};

describe('chat rule matching', () => {
  describe('with word segmentation', () => {
    it.each([
      ['我想买奶粉', true],
      ['这个奶粉罐子多大', true],
      ['牛奶粉红色的包装', false], // 牛奶 / 粉红色: 奶粉 is not a word of it
      ['我喜欢粉红色', false],
    ])('奶粉 in "%s": %s', (text, expected) => {
      expect(matches(rule(), text)).toBe(expected);
    });

    it('a substring rule (no segmentation) matches inside a longer word', () => {
      expect(matches(rule({ segmentation: false }), '牛奶粉红色的包装')).toBe(true);
    });

    it("a rule's custom words join the dictionary: a brand is one word, its pieces are not", () => {
      const brand = rule({ keywords: ['爱他美'], customWords: ['爱他美'] });
      expect(matches(brand, '我想买爱他美奶粉')).toBe(true);
      // 爱他美 is one word now: a keyword made of part of it is not a word of the sentence
      const piece = rule({ keywords: ['他美'], customWords: ['爱他美'] });
      expect(matches(piece, '我想买爱他美奶粉')).toBe(false);
    });

    it('a phrase matches as a run of whole words', () => {
      const phrase = rule({ keywords: ['退货流程'] });
      expect(matches(phrase, '请问退货流程是怎样的')).toBe(true);
      expect(matches(phrase, '退货的流程')).toBe(false);
    });
  });

  it('any: one keyword is enough; all: every keyword', () => {
    const any = rule({ keywords: ['奶粉', '尿布'] });
    const all = rule({ keywords: ['奶粉', '尿布'], matchMode: 'all' });
    expect(matches(any, '我想买奶粉')).toBe(true);
    expect(matches(all, '我想买奶粉')).toBe(false);
    expect(matches(all, '我想买奶粉和尿布')).toBe(true);
  });

  it('an exclusion stops a match, and says which', () => {
    const def = rule({ exclusions: ['不要', '退货'] });
    const set = compileRules([def]);
    expect(matchText(set.rules[0], prepare(set, '奶粉我不要了'))).toEqual({
      matched: false,
      keywords: ['奶粉'],
      excludedBy: '不要',
    });
    expect(matches(def, '我想买奶粉')).toBe(true);
  });

  it('Latin keywords match whatever their case', () => {
    expect(matches(rule({ keywords: ['iPhone'], segmentation: false }), '想换个IPHONE')).toBe(true);
  });

  it('scope: private and/or group chats, customer and/or staff messages; disabled rules never run', () => {
    const privateOnly = rule({ id: 'p', chatTypes: ['private'] });
    const groupStaff = rule({ id: 'g', chatTypes: ['group'], senders: ['staff'] });
    const off = rule({ id: 'off', enabled: false });
    const set = compileRules([privateOnly, groupStaff, off]);
    const ids = (sender: 'customer' | 'staff', chatType: 'private' | 'group') =>
      matchMessage(set, { text: '我想买奶粉', sender, chatType }).map((r) => r.def.id);
    expect(ids('customer', 'private')).toEqual(['p']);
    expect(ids('customer', 'group')).toEqual([]);
    expect(ids('staff', 'group')).toEqual(['g']);
    expect(ids('staff', 'private')).toEqual([]);
  });

  it('indexed (single words), phrase and substring rules all match through matchMessage', () => {
    const set = compileRules([
      rule({ id: 'word', keywords: ['奶粉', '尿布'], matchMode: 'all' }),
      rule({ id: 'phrase', keywords: ['退货流程'] }),
      rule({ id: 'sub', keywords: ['粉红'], segmentation: false }),
    ]);
    const ids = (text: string) =>
      matchMessage(set, { text, sender: 'customer', chatType: 'private' }).map((r) => r.def.id);
    expect(ids('奶粉和尿布都要')).toEqual(['word']);
    expect(ids('只要奶粉')).toEqual([]);
    expect(ids('请问退货流程')).toEqual(['phrase']);
    expect(ids('粉红色的奶粉和尿布')).toEqual(['word', 'sub']);
    expect(ids('今天天气不错')).toEqual([]);
  });
});
