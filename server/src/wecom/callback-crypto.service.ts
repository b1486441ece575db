import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { XMLParser } from 'fast-xml-parser';
import { WecomCallbackException } from './wecom-api.exception';
import type { CallbackCredentials, CallbackQuery, CallbackVerifyQuery } from './wecom.types';

/** The outer XML WeCom POSTs: `<xml><ToUserName/><AgentID/><Encrypt/></xml>`. */
export interface EncryptedEnvelope {
  ToUserName?: string;
  AgentID?: string;
  Encrypt: string;
}

/** An encrypted passive reply (or a simulated WeCom POST): the XML plus its parts. */
export interface EncryptedMessage {
  encrypt: string;
  msgSignature: string;
  timestamp: string;
  nonce: string;
  xml: string;
}

const envelopeParser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: false,
  trimValues: true,
});

/** sha1 hex digests compared in constant time (different lengths → false without comparing). */
export function signaturesEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(String(given ?? '').toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * WeCom callback crypto (DW 90968) through `@wecom/crypto`: msg_signature over the sorted
 * [token, timestamp, nonce, encrypt], AES-256-CBC with PKCS#7 padding to 32 bytes, and the
 * receive id at the end of the plaintext, which must be the corp id.
 *
 * Neither the token, the AES key nor any plaintext is logged or put in an error message.
 */
/**
 * The whole envelope exactly as WeCom sends it: `<xml>` with ToUserName, Encrypt (base64) and an
 * optional AgentID, each in CDATA, nothing else. Matching it is a complete well-formedness check
 * of that shape.
 */
const STANDARD_ENVELOPE =
  /^\s*<xml>\s*<ToUserName><!\[CDATA\[([^\]<>]*)\]\]><\/ToUserName>\s*<Encrypt><!\[CDATA\[([A-Za-z0-9+/]+={0,2})\]\]><\/Encrypt>\s*(?:<AgentID><!\[CDATA\[(\d*)\]\]><\/AgentID>\s*)?<\/xml>\s*$/;

@Injectable()
export class CallbackCryptoService {
  /** GET URL verification: checks the signature over `echostr` and returns its plaintext. */
  verifyUrl(creds: CallbackCredentials, query: CallbackVerifyQuery): string {
    return this.open(creds, query, query.echostr);
  }

  /** POST: checks the signature over `encrypt` (the envelope's Encrypt) and returns the inner XML. */
  decryptMessage(creds: CallbackCredentials, query: CallbackQuery, encrypted: string): string {
    return this.open(creds, query, encrypted);
  }

  /** POST with the raw request body: parses the envelope, then as `decryptMessage`. */
  decryptXmlBody(creds: CallbackCredentials, query: CallbackQuery, xmlBody: string): string {
    return this.decryptMessage(creds, query, this.parseEnvelope(xmlBody).Encrypt);
  }

  /** The outer `<xml>` of a callback POST; throws when it has no Encrypt. */
  parseEnvelope(xmlBody: string): EncryptedEnvelope {
    // WeCom's own shape, read without an XML parser (the hot path); anything else is parsed
    const fast = STANDARD_ENVELOPE.exec(xmlBody);
    if (fast) return { ToUserName: fast[1], Encrypt: fast[2], AgentID: fast[3] };
    let parsed: { xml?: Record<string, unknown> };
    try {
      parsed = envelopeParser.parse(xmlBody) as { xml?: Record<string, unknown> };
    } catch {
      throw WecomCallbackException.cannotDecrypt('the body is not XML');
    }
    const xml = parsed.xml;
    const enc = xml?.Encrypt;
    if (typeof enc !== 'string' || enc === '') {
      throw WecomCallbackException.cannotDecrypt('the body has no Encrypt element');
    }
    return {
      Encrypt: enc,
      ToUserName: xml?.ToUserName === undefined ? undefined : String(xml.ToUserName),
      AgentID: xml?.AgentID === undefined ? undefined : String(xml.AgentID),
    };
  }

  /** The encrypted passive-reply XML for `plaintext` (DW 90968 被动回复). */
  encryptReply(
    creds: CallbackCredentials,
    plaintext: string,
    timestamp: string = String(Math.floor(Date.now() / 1000)),
    nonce: string = randomNonce(),
  ): EncryptedMessage {
    const enc = encrypt(creds.encodingAESKey, plaintext, creds.corpId);
    const msgSignature = getSignature(creds.callbackToken, timestamp, nonce, enc);
    const xml =
      `<xml><Encrypt><![CDATA[${enc}]]></Encrypt><MsgSignature><![CDATA[${msgSignature}]]></MsgSignature>` +
      `<TimeStamp>${timestamp}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`;
    return { encrypt: enc, msgSignature, timestamp, nonce, xml };
  }

  /**
   * What WeCom would POST for `plaintext` (tests, the sandbox-free dev loop): the query string
   * parameters and the envelope XML.
   */
  encryptForTest(
    creds: CallbackCredentials & { agentId?: number | string },
    plaintext: string,
    timestamp: string = String(Math.floor(Date.now() / 1000)),
    nonce: string = randomNonce(),
    receiveId: string = creds.corpId,
  ): { query: CallbackQuery; encrypt: string; xml: string } {
    const enc = encrypt(creds.encodingAESKey, plaintext, receiveId);
    const msgSignature = getSignature(creds.callbackToken, timestamp, nonce, enc);
    const agent =
      creds.agentId === undefined ? '' : `<AgentID><![CDATA[${creds.agentId}]]></AgentID>`;
    const xml = `<xml><ToUserName><![CDATA[${creds.corpId}]]></ToUserName>${agent}<Encrypt><![CDATA[${enc}]]></Encrypt></xml>`;
    return { query: { msg_signature: msgSignature, timestamp, nonce }, encrypt: enc, xml };
  }

  private open(creds: CallbackCredentials, query: CallbackQuery, raw: string | undefined): string {
    // base64 has no spaces: a space is a '+' that a form-style decoder turned into one
    const encrypted = raw?.replace(/ /g, '+');
    if (!encrypted || !query.msg_signature || !query.timestamp || !query.nonce) {
      throw WecomCallbackException.badSignature();
    }
    const expected = getSignature(creds.callbackToken, query.timestamp, query.nonce, encrypted);
    if (!signaturesEqual(expected, query.msg_signature))
      throw WecomCallbackException.badSignature();

    let message: string;
    let id: string;
    try {
      ({ message, id } = decrypt(creds.encodingAESKey, encrypted));
    } catch {
      throw WecomCallbackException.cannotDecrypt('invalid ciphertext or EncodingAESKey');
    }
    if (id !== creds.corpId)
      throw WecomCallbackException.cannotDecrypt('the receive id is not this corp');
    return message;
  }
}

function randomNonce(): string {
  return randomBytes(8).toString('hex');
}
