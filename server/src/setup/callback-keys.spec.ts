import { decrypt, encrypt } from '@wecom/crypto';
import { generateCallbackKeys } from './callback-keys';

describe('generateCallbackKeys', () => {
  it('makes a 32-character Token and a 43-character EncodingAESKey of letters and digits', () => {
    const { callbackToken, encodingAESKey } = generateCallbackKeys();
    expect(callbackToken).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(encodingAESKey).toMatch(/^[A-Za-z0-9]{43}$/);
  });

  it('never repeats itself', () => {
    const keys = Array.from({ length: 200 }, () => generateCallbackKeys());
    expect(new Set(keys.map((k) => k.callbackToken)).size).toBe(200);
    expect(new Set(keys.map((k) => k.encodingAESKey)).size).toBe(200);
  });

  it('gives an EncodingAESKey that WeCom-style callback crypto accepts', () => {
    const { encodingAESKey } = generateCallbackKeys();
    const sealed = encrypt(encodingAESKey, '<xml>hello</xml>', 'ww5f3a9c1e7b2d4068');
    expect(decrypt(encodingAESKey, sealed)).toMatchObject({
      message: '<xml>hello</xml>',
      id: 'ww5f3a9c1e7b2d4068',
    });
  });
});
