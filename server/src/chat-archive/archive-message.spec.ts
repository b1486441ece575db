import { messageText, normalizeMessage } from './archive-message';

describe('archive messages', () => {
  it('reads the text of each text-bearing type, and none of media', () => {
    expect(messageText({ msgtype: 'text', text: { content: '我想买奶粉' } })).toBe('我想买奶粉');
    expect(
      messageText({
        msgtype: 'link',
        link: { title: '新品', description: '奶粉上市', link_url: 'x' },
      }),
    ).toBe('新品 奶粉上市');
    expect(messageText({ msgtype: 'file', file: { filename: '报价单.pdf' } })).toBe('报价单.pdf');
    expect(
      messageText({
        msgtype: 'mixed',
        mixed: {
          item: [
            { type: 'text', content: '{"content":"看看这个"}' },
            { type: 'image', content: '{"sdkfileid":"x"}' },
          ],
        },
      }),
    ).toBe('看看这个');
    expect(messageText({ msgtype: 'image', image: { sdkfileid: 'x' } })).toBe('');
  });

  it('checks the common fields and names the bad one', () => {
    const good = {
      msgid: 'm1',
      action: 'send',
      from: 'wmA',
      tolist: ['lina'],
      roomid: '',
      msgtime: 1,
      msgtype: 'text',
      text: { content: 'x' },
    };
    expect(normalizeMessage(good, 'messages[0]').ok).toBe(true);
    const bad = normalizeMessage({ ...good, msgtime: 'soon' }, 'messages[3]');
    expect(bad.ok).toBe(false);
    expect(Object.keys((bad as { errors: object }).errors)).toEqual(['messages[3].msgtime']);
  });

  it('takes a switch record (time, user; no msgtype) as it comes', () => {
    const res = normalizeMessage({ msgid: 's1', action: 'switch', time: 5, user: 'lina' }, 'm');
    expect(res.ok && res.message).toMatchObject({ from: 'lina', msgtime: 5, msgtype: 'switch' });
  });
});
