import { QueryFailedError } from 'typeorm';
import { PoolAcquireTimeoutError } from '../../database/pool-deadlines';
import { toErrorResponse } from './global-exception.filter';

describe('toErrorResponse', () => {
  it('answers a query past its timeout with 503 DATABASE_BUSY, not a 500', () => {
    const timeout = Object.assign(new Error('Query inactivity timeout'), {
      code: 'PROTOCOL_SEQUENCE_TIMEOUT',
    });
    const res = toErrorResponse(new QueryFailedError('SELECT 1', [], timeout), 'req-1');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'DATABASE_BUSY', requestId: 'req-1' });
  });

  it('answers a pool that gave no connection in time with 503 DATABASE_BUSY', () => {
    const res = toErrorResponse(new PoolAcquireTimeoutError(10_000), 'req-2');
    expect(res).toMatchObject({ status: 503, body: { code: 'DATABASE_BUSY' } });
  });

  it('keeps any other unexpected error a 500 that says nothing about it', () => {
    const res = toErrorResponse(new Error('secret detail'), 'req-3');
    expect(res).toEqual({
      status: 500,
      body: { code: 'INTERNAL_ERROR', message: 'Internal server error', requestId: 'req-3' },
    });
  });
});
