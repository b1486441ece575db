import { egressIpFrom, sentences, syncErrorSentence } from './setup-sentences';

describe('setup sentences', () => {
  it("reads the egress IP from WeCom's 60020 errmsg", () => {
    expect(
      egressIpFrom(
        'not allow to access from your ip, hint: [1662317178339603627481038], from ip: 114.132.235.244, more info at https://open.work.weixin.qq.com/devtool/query?e=60020',
      ),
    ).toBe('114.132.235.244');
    expect(egressIpFrom('invalid credential')).toBeNull();
  });

  it('says where to fix each failure, in Chinese first', () => {
    expect(sentences.trustedIpRefused('1.2.3.4')).toMatchObject({
      zh: expect.stringContaining('1.2.3.4'),
      fixAt: '应用管理 → 自建应用 → 本应用 → 企业可信IP',
    });
    expect(sentences.secretWrong('contactSecret').fixAt).toBe(
      '客户与上下游 → 客户联系 → API → Secret（查看）',
    );
    expect(sentences.customerContactEmpty().zh).toContain('可见范围');
  });

  it('turns a failed sync into a sentence by the errcode in its message', () => {
    expect(syncErrorSentence(null)).toBeNull();
    expect(
      syncErrorSentence(
        'WeCom gettoken failed: the corp secret was rejected by WeCom (errcode 40001: invalid credential)',
      )?.zh,
    ).toContain('40001');
    expect(syncErrorSentence('WeCom x failed: … (errcode 60020: not allow)')?.fixAt).toContain(
      '企业可信IP',
    );
    expect(
      syncErrorSentence('WeCom department/list could not be reached: ECONNREFUSED')?.zh,
    ).toContain('ECONNREFUSED');
    expect(syncErrorSentence('something else broke')?.zh).toContain('同步失败');
  });
});
