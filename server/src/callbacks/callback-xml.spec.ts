import { XMLParser } from 'fast-xml-parser';
import { buildEventXml } from '@scrm/wecom-sandbox';
import { parseFlatWecomXml, parseWecomXml } from './callback-xml';

/** The parser alone, as parseWecomXml read every document before the flat fast path. */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'Item',
  processEntities: false,
});
const byParser = (xml: string) => (parser.parse(xml) as { xml: unknown }).xml;

const corp = 'ww5f3a9c1e7b2d4068';
const samples: string[] = [
  // the sandbox's events (the shapes WeCom documents), each through its own builder
  buildEventXml(corp, 1796000000, {
    event: 'change_external_contact',
    changeType: 'add_external_contact',
    fields: [
      ['UserID', 'lina'],
      ['ExternalUserID', 'wmAbC123'],
      ['State', 'ch_0123456789ab'],
      ['WelcomeCode', 'CODE 1'],
    ],
  }),
  buildEventXml(corp, 1796000001, {
    event: 'change_external_chat',
    changeType: 'update',
    fields: [
      ['ChatId', 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA'],
      ['UpdateDetail', 'add_member'],
      ['JoinScene', 1],
      ['MemChangeCnt', 2],
      ['MemChangeList', { items: ['wmA', 'wmB'] }],
    ],
  }),
  buildEventXml(corp, 1796000002, {
    event: 'change_contact',
    changeType: 'update_user',
    fields: [
      ['UserID', '1001'],
      ['Name', '张三 & <李四>'],
      ['Department', '1,2'],
      ['Alias', ''],
    ],
  }),
  buildEventXml(corp, 1796000003, { event: 'change_external_tag', changeType: 'shuffle' }),
  // WeCom's documented shapes: plain numbers, newlines between elements, entities kept as-is
  `<xml>\n<ToUserName><![CDATA[${corp}]]></ToUserName>\n<FromUserName><![CDATA[sys]]></FromUserName>\n<CreateTime>1403610513</CreateTime>\n<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[change_external_contact]]></Event>\n<ChangeType><![CDATA[del_follow_user]]></ChangeType>\n<UserID><![CDATA[zhangsan]]></UserID>\n<ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA]]></ExternalUserID>\n</xml>`,
  `<xml><ToUserName>a&amp;b</ToUserName><CreateTime>1</CreateTime></xml>`,
  // shapes the fast path leaves to the parser
  `<xml><ToUserName><![CDATA[x]]></ToUserName><BatchJob><JobId><![CDATA[j1]]></JobId><JobType><![CDATA[sync_user]]></JobType></BatchJob></xml>`,
  `<xml><A> padded </A><B>1</B></xml>`,
  `<xml><A><![CDATA[ padded ]]></A></xml>`,
  `<xml><A><![CDATA[x]]]]><![CDATA[>y]]></A></xml>`,
  `<xml><A>1</A><A>2</A></xml>`,
  `<xml><A/><B>1</B></xml>`,
  `<xml><constructor>1</constructor></xml>`,
  `<xml><__proto__>1</__proto__></xml>`,
  ` <xml><A>1</A></xml>`,
];

describe('parseWecomXml', () => {
  it.each(samples.map((xml) => [xml.slice(0, 60), xml]))(
    'reads %s exactly as the XML parser does',
    (_label, xml) => {
      let expected: unknown;
      try {
        expected = byParser(xml);
      } catch (err) {
        // the parser refuses it (e.g. a reserved name): so does parseWecomXml
        expect(() => parseWecomXml(xml)).toThrow((err as Error).message);
        return;
      }
      expect(parseWecomXml(xml)).toEqual(expected);
    },
  );

  it('reads the flat shapes without the parser, and leaves the others to it', () => {
    expect(parseFlatWecomXml(samples[0])).toMatchObject({
      Event: 'change_external_contact',
      CreateTime: '1796000000',
      WelcomeCode: 'CODE 1',
    });
    expect(parseFlatWecomXml(samples[4])).not.toBeNull();
    expect(parseFlatWecomXml(samples[1])).toBeNull(); // <MemChangeList><Item>…
    for (const xml of samples.slice(6)) expect(parseFlatWecomXml(xml)).toBeNull();
  });

  it('refuses what is not a WeCom document', () => {
    expect(() => parseWecomXml('<xml></xml>')).toThrow(/not a WeCom/);
    expect(() => parseWecomXml('<other><A>1</A></other>')).toThrow(/not a WeCom/);
  });
});
