import { csvField, csvLine } from './csv';

describe('CSV for Excel', () => {
  it('quotes commas, quotes and line breaks, and leaves plain Chinese alone', () => {
    expect(csvLine(['王芳', 'a,b', '他说"好"', '两\n行', null, 3])).toBe(
      '王芳,"a,b","他说""好""","两\n行",,3\r\n',
    );
  });

  it('defuses values that a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+86 138')).toBe("'+86 138");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@me')).toBe("'@me");
    expect(csvField('李-娜')).toBe('李-娜');
  });
});
