import { TAG_RULE_SENTENCES as S } from '../tags.exception';
import {
  checkAddTags,
  checkCreateGroup,
  checkDelete,
  checkEdit,
  checkReorder,
  CORP_TAG_CAP,
  Library,
  reorderPlan,
} from './tag-rules';

const lib = (): Library => ({
  groups: [
    { groupId: 'g1', name: '客户等级', sortOrder: 2, createdByApp: true },
    { groupId: 'g2', name: '兴趣', sortOrder: 1, createdByApp: false },
  ],
  tags: [
    { tagId: 't1', groupId: 'g1', name: '金卡', sortOrder: 2, createdByApp: true },
    { tagId: 't2', groupId: 'g1', name: '银卡', sortOrder: 1, createdByApp: true },
    { tagId: 't3', groupId: 'g2', name: '美妆', sortOrder: 0, createdByApp: false },
  ],
});

describe('WeCom tag rules, checked before calling', () => {
  it('a name is at most 30 characters (counted as characters, not bytes) and not blank', () => {
    expect(checkCreateGroup(lib(), '组'.repeat(30), ['标'.repeat(30)])).toEqual({});
    expect(checkCreateGroup(lib(), '组'.repeat(31), ['  '])).toEqual({
      name: [S.nameTooLong],
      'tags[0].name': [S.nameEmpty],
    });
    expect(checkEdit(lib(), 't1', { name: '😀'.repeat(31) })).toEqual({ name: [S.nameTooLong] });
  });

  it('a tag name is unique in its group, a group name in the corp; the same name in another group is fine', () => {
    expect(checkAddTags(lib(), 'g1', ['金卡'])).toEqual({
      'tags[0].name': [S.tagNameTaken('金卡')],
    });
    expect(checkAddTags(lib(), 'g1', ['钻石', '钻石'])).toEqual({
      'tags[1].name': [S.tagNameTaken('钻石')],
    });
    expect(checkAddTags(lib(), 'g1', ['美妆'])).toEqual({});
    expect(checkCreateGroup(lib(), '兴趣', ['a'])).toEqual({ name: [S.groupNameTaken('兴趣')] });
    expect(checkEdit(lib(), 't1', { name: '银卡' })).toEqual({ name: [S.tagNameTaken('银卡')] });
    expect(checkEdit(lib(), 't1', { name: '金卡' })).toEqual({});
    expect(checkEdit(lib(), 'g1', { name: '兴趣' })).toEqual({ name: [S.groupNameTaken('兴趣')] });
  });

  it('a group cannot be created empty', () => {
    expect(checkCreateGroup(lib(), '新组', [])).toEqual({ tags: [S.groupNeedsTag] });
  });

  it('the corp cap (40126) is a sentence on the tags field', () => {
    const big = lib();
    for (let i = big.tags.length; i < CORP_TAG_CAP; i++)
      big.tags.push({
        tagId: `x${i}`,
        groupId: 'g1',
        name: `x${i}`,
        sortOrder: 0,
        createdByApp: true,
      });
    expect(checkAddTags(big, 'g1', ['one more'])).toEqual({ tags: [S.corpCap(3000)] });
  });

  it('only tags the app created may be edited or deleted; WeCom-made ones say so', () => {
    expect(checkEdit(lib(), 't3', { name: '护肤' })).toEqual({ id: [S.notByApp] });
    expect(checkEdit(lib(), 'g2', { order: 5 })).toEqual({ id: [S.notByApp] });
    expect(checkDelete(lib(), ['t3'], []).problems).toEqual({
      'tagIds[0]': [`「美妆」：${S.notByApp}`],
    });
    expect(checkEdit(lib(), 'nope', { name: 'x' })).toEqual({ id: [S.unknownTag] });
  });

  it("deleting a group's last tags deletes the group too", () => {
    expect(checkDelete(lib(), ['t1'], []).emptiedGroupIds).toEqual([]);
    expect(checkDelete(lib(), ['t1', 't2'], [])).toEqual({ problems: {}, emptiedGroupIds: ['g1'] });
  });

  it('drag to reorder: larger order first, only what moves is edited; the list must be complete', () => {
    const tags = lib().tags.filter((t) => t.groupId === 'g1');
    expect(reorderPlan(tags, (t) => t.tagId, ['t2', 't1'])).toEqual([
      { id: 't2', order: 2 },
      { id: 't1', order: 1 },
    ]);
    expect(reorderPlan(tags, (t) => t.tagId, ['t1', 't2'])).toEqual([]);
    expect(checkReorder(['t1', 't2'], ['t1'], 'ids')).toHaveProperty('ids');
    expect(checkReorder(['t1', 't2'], ['t1', 't1'], 'ids')).toHaveProperty('ids');
    expect(checkReorder(['t1', 't2'], ['t2', 't1'], 'ids')).toEqual({});
  });
});
