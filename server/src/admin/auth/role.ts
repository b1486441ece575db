/** Admin console roles, from most to least powerful. */
export enum Role {
  Admin = 'admin',
  Manager = 'manager',
  Viewer = 'viewer',
}

const RANK: Record<Role, number> = { [Role.Admin]: 3, [Role.Manager]: 2, [Role.Viewer]: 1 };

/** An admin may do what a manager may, and a manager what a viewer may. */
export function roleSatisfies(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}
