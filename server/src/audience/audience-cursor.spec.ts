import { decodeAudienceCursor, encodeAudienceCursor } from './audience-cursor';

const row = {
  id: '1234',
  name: '李娜',
  addedAt: new Date('2026-11-30T06:05:00.123Z'),
};

describe('audience page cursor', () => {
  it('round-trips the added time (to the millisecond) and the id', () => {
    const c = encodeAudienceCursor('addedAt', 'desc', row);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeAudienceCursor(c, 'addedAt', 'desc')).toEqual({ key: row.addedAt, id: '1234' });
  });

  it('round-trips a name key', () => {
    const c = encodeAudienceCursor('name', 'asc', row);
    expect(decodeAudienceCursor(c, 'name', 'asc')).toEqual({ key: '李娜', id: '1234' });
  });

  it('refuses a cursor of another order, a forged one and garbage with a 400 naming cursor', () => {
    const c = encodeAudienceCursor('addedAt', 'desc', row);
    const forged = Buffer.from(JSON.stringify(['addedAt', 'desc', 1, '1 OR 1'])).toString(
      'base64url',
    );
    for (const [cursor, sort, order] of [
      [c, 'addedAt', 'asc'],
      [c, 'name', 'desc'],
      [forged, 'addedAt', 'desc'],
      ['12345', 'addedAt', 'desc'],
    ] as const) {
      expect(() => decodeAudienceCursor(cursor, sort, order)).toThrow(
        expect.objectContaining({ status: 400, errors: { cursor: expect.any(Array) } }),
      );
    }
  });
});
