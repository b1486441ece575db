import { isLockConflict, retryOnLockConflict } from './lock-conflict';

const deadlock = Object.assign(new Error('Deadlock found when trying to get lock'), {
  errno: 1213,
});

describe('retryOnLockConflict', () => {
  it('runs the work again after a deadlock and returns its result', async () => {
    const work = jest.fn().mockRejectedValueOnce(deadlock).mockResolvedValueOnce('settled');
    await expect(retryOnLockConflict(work)).resolves.toBe('settled');
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('gives up after the last attempt with the database error', async () => {
    const work = jest.fn().mockRejectedValue(deadlock);
    await expect(retryOnLockConflict(work, 3)).rejects.toBe(deadlock);
    expect(work).toHaveBeenCalledTimes(3);
  });

  it('does not repeat work that failed for another reason', async () => {
    const other = Object.assign(new Error('Unknown column'), { errno: 1054 });
    const work = jest.fn().mockRejectedValue(other);
    await expect(retryOnLockConflict(work)).rejects.toBe(other);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('reads the errno of a TypeORM QueryFailedError (driverError)', () => {
    expect(isLockConflict({ driverError: { errno: 1205 } })).toBe(true);
    expect(isLockConflict(new Error('x'))).toBe(false);
  });
});
