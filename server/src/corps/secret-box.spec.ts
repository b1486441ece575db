import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32).toString('base64'));

  it('round-trips a secret and never stores it in clear', () => {
    const sealed = box.seal('corp-secret-value');
    expect(sealed).not.toContain('corp-secret-value');
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(box.open(sealed)).toBe('corp-secret-value');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered ciphertext', () => {
    const parts = box.seal('secret').split(':');
    parts[3] = Buffer.from('other').toString('base64');
    expect(() => box.open(parts.join(':'))).toThrow();
  });

  it('refuses to open with another key', () => {
    const other = new SecretBox(randomBytes(32).toString('base64'));
    expect(() => other.open(box.seal('secret'))).toThrow();
  });

  it('rejects a key that is not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
