import { describe, expect, it } from 'vitest';
import { moved } from '../order';

describe('上移 / 下移 of folders and items', () => {
  it('swaps with the neighbour, and does nothing at either end', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toBeNull();
    expect(moved(['a', 'b', 'c'], 2, 1)).toBeNull();
    expect(moved([], 0, 1)).toBeNull();
  });
});
