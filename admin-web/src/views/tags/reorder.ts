/** Moves `id` to where `beforeId` is (or to the end), for drag-to-reorder lists. */
export function moveBefore(ids: string[], id: string, beforeId: string | null): string[] {
  if (id === beforeId) return ids;
  const rest = ids.filter((x) => x !== id);
  const at = beforeId === null ? rest.length : rest.indexOf(beforeId);
  if (at < 0) return ids;
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}
