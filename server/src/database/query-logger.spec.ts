import { Logger } from '@nestjs/common';
import { QueryLogger, slowQueryLine } from './query-logger';

describe('QueryLogger', () => {
  it('logs a slow query once, its SQL cut short, without its parameters', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const sql = `INSERT IGNORE INTO callback_event (corp_id, payload)\n  VALUES ${'(?, ?), '.repeat(200)}(?, ?)`;
    new QueryLogger().logQuerySlow(5021, sql, ['wwcorp', '{"ExternalUserID":"wmSecretCustomer"}']);
    expect(warn).toHaveBeenCalledTimes(1);
    const line = String(warn.mock.calls[0][0]);
    expect(line).toMatch(/^slow query \(5021 ms\): INSERT IGNORE INTO callback_event \(corp_id/);
    expect(line).not.toContain('wmSecretCustomer');
    expect(line.length).toBeLessThan(360);
    warn.mockRestore();
  });

  it('keeps a short statement whole', () => {
    expect(slowQueryLine('SELECT 1', 12)).toBe('slow query (12 ms): SELECT 1');
  });
});
