import { Role, roleSatisfies } from './role';

describe('roleSatisfies', () => {
  it.each([
    [Role.Admin, Role.Admin, true],
    [Role.Admin, Role.Manager, true],
    [Role.Admin, Role.Viewer, true],
    [Role.Manager, Role.Admin, false],
    [Role.Manager, Role.Manager, true],
    [Role.Manager, Role.Viewer, true],
    [Role.Viewer, Role.Manager, false],
    [Role.Viewer, Role.Admin, false],
    [Role.Viewer, Role.Viewer, true],
  ])('%s for a %s route: %s', (actual, required, expected) => {
    expect(roleSatisfies(actual, required)).toBe(expected);
  });
});
