import { describe, expect, it } from 'vitest';
import { moveBefore } from '../reorder';

describe('drag to reorder', () => {
  it('moves the dragged tag to where it was dropped', () => {
    expect(moveBefore(['a', 'b', 'c'], 'c', 'a')).toEqual(['c', 'a', 'b']);
    expect(moveBefore(['a', 'b', 'c'], 'a', 'c')).toEqual(['b', 'a', 'c']);
    expect(moveBefore(['a', 'b', 'c'], 'a', null)).toEqual(['b', 'c', 'a']);
  });

  it('leaves the list as it was when dropped on itself or outside it', () => {
    expect(moveBefore(['a', 'b'], 'a', 'a')).toEqual(['a', 'b']);
    expect(moveBefore(['a', 'b'], 'a', 'zz')).toEqual(['a', 'b']);
  });
});
