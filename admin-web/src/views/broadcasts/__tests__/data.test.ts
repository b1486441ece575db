import { describe, expect, it } from 'vitest';
import { parseIdList, stateTagType, utf8Bytes } from '../data';

describe('broadcast composer helpers', () => {
  it('counts text the way WeCom does: UTF-8 bytes, a Chinese character is 3', () => {
    expect(utf8Bytes('双十二')).toBe(9);
    expect(utf8Bytes('a好')).toBe(4);
  });

  it('reads the first CSV column as external_userids, once each, skipping the header and blanks', () => {
    expect(
      parseIdList('external_userid,name\nwmA1,张三\n\n"wmB2",李四\nwmA1,again\nnot an id!,x'),
    ).toEqual(['wmA1', 'wmB2']);
  });

  it('colours states: waiting for staff in amber, done in green', () => {
    expect(stateTagType('sent')).toBe('warning');
    expect(stateTagType('completed')).toBe('success');
    expect(stateTagType('canceled')).toBe('info');
  });
});
