import { randomInt } from 'node:crypto';

/** WeCom's alphabet for the callback Token and EncodingAESKey: English letters and digits. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Token: letters or digits, at most 32 (WeCom's 接收消息 settings); the longest is the strongest. */
export const CALLBACK_TOKEN_LENGTH = 32;
/** EncodingAESKey: exactly 43 letters or digits (base64 of a 32-byte AES key without '='). */
export const ENCODING_AES_KEY_LENGTH = 43;

function randomString(length: number): string {
  let out = '';
  // randomInt is uniform over the alphabet (no modulo bias)
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export interface CallbackKeys {
  callbackToken: string;
  encodingAESKey: string;
}

/** A fresh Token and EncodingAESKey, as WeCom's own 随机获取 button makes them. */
export function generateCallbackKeys(): CallbackKeys {
  return {
    callbackToken: randomString(CALLBACK_TOKEN_LENGTH),
    encodingAESKey: randomString(ENCODING_AES_KEY_LENGTH),
  };
}
