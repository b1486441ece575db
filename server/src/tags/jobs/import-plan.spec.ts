import { parseCsv } from './csv';
import { parseImportCsv, planImport, resolveTagName } from './import-plan';

const TAGS = [
  { tagId: 'et1', name: '金卡', groupName: '等级' },
  { tagId: 'et2', name: '高', groupName: '意向' },
  { tagId: 'et3', name: '高', groupName: '活跃度' },
];

describe('CSV import of marks', () => {
  it('reads quoted fields, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,"b,""c"""\r\n1,2\n')).toEqual([
      ['a', 'b,"c"'],
      ['1', '2'],
    ]);
  });

  it('resolves 组名/标签名 exactly and a bare name only when one group has it', () => {
    expect(resolveTagName('等级/金卡', TAGS)).toEqual({ tagId: 'et1' });
    expect(resolveTagName('金卡', TAGS)).toEqual({ tagId: 'et1' });
    expect(resolveTagName('意向/高', TAGS)).toEqual({ tagId: 'et2' });
    expect(resolveTagName('高', TAGS)).toEqual({
      problem: 'ambiguous',
      groups: ['意向', '活跃度'],
    });
    expect(resolveTagName('钻石', TAGS)).toEqual({ problem: 'unknown' });
  });

  it('refuses a file without a tags column or a customer column', () => {
    expect(parseImportCsv('external_userid\nwm1').problem).toMatch(/标签/);
    expect(parseImportCsv('tags\n金卡').problem).toMatch(/external_userid/);
  });

  it('the dry run reports unknown tags and customers by line, with the relations it would mark', () => {
    const csv = [
      'external_userid,手机号,userid,标签',
      'wm1,,,金卡;意向/高',
      ',13800000000,,钻石',
      'wm404,,,金卡',
      'wm2,,lina,高',
      'wm2,,zhao,金卡',
    ].join('\n');
    const { lines } = parseImportCsv(csv);
    const rel: Record<string, Array<{ externalUserId: string; userId: string }>> = {
      wm1: [
        { externalUserId: 'wm1', userId: 'lina' },
        { externalUserId: 'wm1', userId: 'zhao' },
      ],
      '13800000000': [{ externalUserId: 'wm3', userId: 'lina' }],
      wm2: [{ externalUserId: 'wm2', userId: 'lina' }],
    };
    const { report, items } = planImport(
      'marks.csv',
      lines,
      TAGS,
      (l) => rel[l.externalUserId ?? l.phone ?? ''] ?? [],
    );
    expect(report).toEqual({
      fileName: 'marks.csv',
      lines: 5,
      matchedLines: 1,
      relations: 2,
      unknownTags: [
        { line: 3, name: '钻石', reason: '标签库中没有这个标签' },
        { line: 5, name: '高', reason: expect.stringContaining('组名/标签名') },
      ],
      unknownCustomers: [
        { line: 4, key: 'wm404' },
        { line: 6, key: 'wm2' },
      ],
    });
    expect(items).toEqual([
      {
        externalUserId: 'wm1',
        userId: 'lina',
        addTagIds: ['et1', 'et2'],
        evidence: { file: 'marks.csv', line: 2 },
      },
      {
        externalUserId: 'wm1',
        userId: 'zhao',
        addTagIds: ['et1', 'et2'],
        evidence: { file: 'marks.csv', line: 2 },
      },
    ]);
  });
});
