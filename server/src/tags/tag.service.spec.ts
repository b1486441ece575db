import { inboxEvent } from '../common/testing/inbox-event';
import { liveTagRows, TagService } from './tag.service';

const event = (changeType: string, payload: Record<string, unknown>) =>
  inboxEvent({
    id: '1',
    corpId: 'wwcorp01',
    event: 'change_external_tag',
    changeType,
    createTime: 1000,
    payload,
  });

function newService(tagGroups: unknown[] = []) {
  const repo = {
    upsertGroups: jest.fn(),
    upsertTags: jest.fn(),
    markGroupsDeleted: jest.fn(),
    markTagsDeleted: jest.fn(),
  };
  const wecom = { getCorpTagList: jest.fn().mockResolvedValue({ tag_group: tagGroups }) };
  const lock = { run: jest.fn((_n: string, fn: () => Promise<unknown>) => fn()) };
  return { service: new TagService(repo as never, wecom as never, lock as never), repo, wecom };
}

describe('tag events', () => {
  it('keeps only live groups and tags', () => {
    const rows = liveTagRows([
      {
        group_id: 'g1',
        group_name: 'A',
        tag: [
          { id: 't1', name: 'x' },
          { id: 't2', name: 'y', deleted: true },
        ],
      },
      { group_id: 'g2', group_name: 'B', deleted: true, tag: [{ id: 't3', name: 'z' }] },
    ]);
    expect(rows.groups.map((g) => g.groupId)).toEqual(['g1']);
    expect(rows.tags.map((t) => t.tagId)).toEqual(['t1']);
  });

  it('shuffle re-reads the whole library and marks what is gone', async () => {
    const { service, repo, wecom } = newService([
      { group_id: 'g1', group_name: 'A', tag: [{ id: 't1', name: 'x' }] },
    ]);
    await service.handleTagEvent(event('shuffle', { Id: 'g1' }));
    expect(wecom.getCorpTagList).toHaveBeenCalledWith('wwcorp01');
    expect(repo.markGroupsDeleted).toHaveBeenCalledWith('wwcorp01', ['g1'], 'except');
    expect(repo.markTagsDeleted).toHaveBeenCalledWith('wwcorp01', ['t1'], 'except');
  });

  it('a tag_group WeCom no longer has is deleted with its tags', async () => {
    const { service, repo, wecom } = newService([]);
    await service.handleTagEvent(event('delete', { Id: 'g9', TagType: 'tag_group' }));
    expect(wecom.getCorpTagList).toHaveBeenCalledWith('wwcorp01', { group_id: ['g9'] });
    expect(repo.markGroupsDeleted).toHaveBeenCalledWith('wwcorp01', ['g9']);
    expect(repo.markTagsDeleted).toHaveBeenCalledWith('wwcorp01', [], 'except', ['g9']);
  });

  it('a tag still in WeCom is upserted whatever the event says (an old delete)', async () => {
    const { service, repo } = newService([
      { group_id: 'g1', group_name: 'A', tag: [{ id: 't1', name: 'x' }] },
    ]);
    await service.handleTagEvent(event('delete', { Id: 't1', TagType: 'tag' }));
    expect(repo.upsertTags).toHaveBeenCalledWith('wwcorp01', [
      expect.objectContaining({ tagId: 't1', groupId: 'g1' }),
    ]);
    expect(repo.markTagsDeleted).not.toHaveBeenCalled();
  });
});
