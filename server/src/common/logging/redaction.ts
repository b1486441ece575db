/**
 * Paths pino removes from every log line. Secrets (corp secret, callback token, AES key,
 * passwords, tokens) must never be logged, whatever object carries them.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'accessToken',
  '*.accessToken',
  'access_token',
  '*.access_token',
  'secret',
  '*.secret',
  'corpsecret',
  '*.corpsecret',
  '*.agentSecret',
  '*.contactSecret',
  '*.addressBookSecret',
  '*.callbackToken',
  '*.encodingAESKey',
  'config.params.corpsecret',
  'config.params.access_token',
];
