import { createHash } from 'node:crypto';
import { encrypt } from '@wecom/crypto';
import { CallbackCryptoService, signaturesEqual } from './callback-crypto.service';
import { WecomCallbackException, WecomErrorCode } from './wecom-api.exception';

/**
 * The official WXBizMsgCrypt sample vectors (Token QDG6eK, CorpID wx5823bf96d3bd56c7), as in
 * WeCom's C#/Java/PHP samples: a GET URL verification and a POST text message.
 */
const official = {
  creds: {
    corpId: 'wx5823bf96d3bd56c7',
    callbackToken: 'QDG6eK',
    encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  },
  verify: {
    msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    timestamp: '1409659589',
    nonce: '263014780',
    echostr:
      'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  },
  post: {
    query: {
      msg_signature: '477715d11cdb4164915debcba66cb864d751f3e6',
      timestamp: '1409659813',
      nonce: '1372623149',
    },
    body: '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>',
    plaintext:
      '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>',
  },
};

const creds = {
  corpId: 'wwsandbox0001',
  agentId: 1000002,
  callbackToken: 'tok3nABC',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

function expectCallbackError(fn: () => unknown, code: WecomErrorCode): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WecomCallbackException);
    expect((err as WecomCallbackException).code).toBe(code);
    expect((err as WecomCallbackException).status).toBe(400);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('CallbackCryptoService', () => {
  const service = new CallbackCryptoService();

  describe('official WeCom sample vectors', () => {
    it('verifies the sample URL and returns the echostr plaintext', () => {
      expect(service.verifyUrl(official.creds, official.verify)).toBe('1616140317555161061');
    });

    it('decrypts the sample POST body', () => {
      expect(service.decryptXmlBody(official.creds, official.post.query, official.post.body)).toBe(
        official.post.plaintext,
      );
    });

    it('rejects the sample when the corp id (receive id) is another one', () => {
      expectCallbackError(
        () => service.verifyUrl({ ...official.creds, corpId: 'wwsomeoneelse' }, official.verify),
        WecomErrorCode.CallbackDecrypt,
      );
    });
  });

  it('round-trips a message produced as WeCom would', () => {
    const plaintext =
      '<xml><Event><![CDATA[change_external_contact]]></Event><Note>中文 ✓</Note></xml>';
    const sent = service.encryptForTest(creds, plaintext, '1700000000', 'n0nce');
    expect(sent.xml).toContain(`<ToUserName><![CDATA[${creds.corpId}]]></ToUserName>`);
    expect(sent.xml).toContain('<AgentID><![CDATA[1000002]]></AgentID>');
    expect(service.parseEnvelope(sent.xml)).toEqual({
      ToUserName: creds.corpId,
      AgentID: '1000002',
      Encrypt: sent.encrypt,
    });
    expect(service.decryptXmlBody(creds, sent.query, sent.xml)).toBe(plaintext);
    expect(service.decryptMessage(creds, sent.query, sent.encrypt)).toBe(plaintext);
  });

  it('reads envelopes of other shapes with the XML parser, and refuses one without Encrypt', () => {
    const sent = service.encryptForTest(creds, 'hello', '1700000000', 'abc');
    // elements in another order, no CDATA: not WeCom's usual shape, still a valid envelope
    const reordered = `<xml><Encrypt>${sent.encrypt}</Encrypt><ToUserName>${creds.corpId}</ToUserName></xml>`;
    expect(service.parseEnvelope(reordered)).toMatchObject({
      Encrypt: sent.encrypt,
      ToUserName: creds.corpId,
    });
    expect(() =>
      service.parseEnvelope(`<xml><ToUserName><![CDATA[${creds.corpId}]]></ToUserName></xml>`),
    ).toThrow(/no Encrypt/);
  });

  it('signs with sha1 over the sorted token, timestamp, nonce and ciphertext', () => {
    const sent = service.encryptForTest(creds, 'hello', '1700000000', 'abc');
    const expected = createHash('sha1')
      .update([creds.callbackToken, '1700000000', 'abc', sent.encrypt].sort().join(''))
      .digest('hex');
    expect(sent.query.msg_signature).toBe(expected);
  });

  it('verifies a URL echostr of the sandbox shape', () => {
    const sent = service.encryptForTest(creds, '8812837349817', '1700000000', 'abc');
    expect(service.verifyUrl(creds, { ...sent.query, echostr: sent.encrypt })).toBe(
      '8812837349817',
    );
  });

  it('accepts an echostr whose "+" was decoded to a space by a form-style query parser', () => {
    const plus = { ...official.verify, echostr: official.verify.echostr.replace(/\+/g, ' ') };
    expect(plus.echostr).toContain(' ');
    expect(service.verifyUrl(official.creds, plus)).toBe('1616140317555161061');
  });

  it('rejects a tampered signature, a tampered ciphertext and a wrong token', () => {
    const sent = service.encryptForTest(creds, '<xml/>', '1700000000', 'abc');
    const flipped = sent.query.msg_signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    expectCallbackError(
      () => service.decryptMessage(creds, { ...sent.query, msg_signature: flipped }, sent.encrypt),
      WecomErrorCode.CallbackSignature,
    );
    expectCallbackError(
      () => service.decryptMessage(creds, { ...sent.query, msg_signature: 'short' }, sent.encrypt),
      WecomErrorCode.CallbackSignature,
    );
    expectCallbackError(
      () => service.decryptMessage(creds, { ...sent.query, timestamp: '1700000001' }, sent.encrypt),
      WecomErrorCode.CallbackSignature,
    );
    const tampered = (sent.encrypt[0] === 'A' ? 'B' : 'A') + sent.encrypt.slice(1);
    expectCallbackError(
      () => service.decryptMessage(creds, sent.query, tampered),
      WecomErrorCode.CallbackSignature,
    );
    expectCallbackError(
      () => service.decryptMessage({ ...creds, callbackToken: 'other' }, sent.query, sent.encrypt),
      WecomErrorCode.CallbackSignature,
    );
    expectCallbackError(
      () => service.decryptMessage(creds, { ...sent.query, msg_signature: '' }, sent.encrypt),
      WecomErrorCode.CallbackSignature,
    );
  });

  it('rejects a correctly signed message addressed to another receive id', () => {
    const sent = service.encryptForTest(creds, '<xml/>', '1700000000', 'abc', 'wwanothercorp');
    expectCallbackError(
      () => service.decryptMessage(creds, sent.query, sent.encrypt),
      WecomErrorCode.CallbackDecrypt,
    );
    // the same with the library directly: a suite id instead of the corp id
    const enc = encrypt(creds.encodingAESKey, '<xml/>', 'suite123');
    const sig = service.encryptForTest(creds, 'x').query; // only for shape
    expect(sig.msg_signature).toMatch(/^[0-9a-f]{40}$/);
    expect(() =>
      service.decryptMessage(
        creds,
        {
          timestamp: '1',
          nonce: '2',
          msg_signature: createHash('sha1')
            .update([creds.callbackToken, '1', '2', enc].sort().join(''))
            .digest('hex'),
        },
        enc,
      ),
    ).toThrow(/receive id/);
  });

  it('rejects a correctly signed message encrypted with another AES key', () => {
    const other = { ...creds, encodingAESKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkj' };
    const sent = service.encryptForTest(other, '<xml/>', '1700000000', 'abc');
    expectCallbackError(
      () => service.decryptMessage(creds, sent.query, sent.encrypt),
      WecomErrorCode.CallbackDecrypt,
    );
  });

  it('rejects bodies without an Encrypt element', () => {
    expectCallbackError(
      () =>
        service.decryptXmlBody(
          creds,
          { msg_signature: 'x', timestamp: '1', nonce: '2' },
          '<xml><A>1</A></xml>',
        ),
      WecomErrorCode.CallbackDecrypt,
    );
  });

  it('encrypts a passive reply that decrypts back, with its own signature', () => {
    const reply = service.encryptReply(
      creds,
      '<xml><Content>hi</Content></xml>',
      '1700000000',
      'zz',
    );
    expect(reply.xml).toContain(`<MsgSignature><![CDATA[${reply.msgSignature}]]></MsgSignature>`);
    expect(
      service.decryptMessage(
        creds,
        { msg_signature: reply.msgSignature, timestamp: reply.timestamp, nonce: reply.nonce },
        reply.encrypt,
      ),
    ).toBe('<xml><Content>hi</Content></xml>');
  });

  it('compares signatures in constant time, case-insensitively, and only same lengths', () => {
    expect(signaturesEqual('abc', 'ABC')).toBe(true);
    expect(signaturesEqual('abc', 'abd')).toBe(false);
    expect(signaturesEqual('abc', 'abcd')).toBe(false);
  });
});
