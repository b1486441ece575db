/** Dates as the guide reads them: local `YYYY-MM-DD HH:mm`. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatDate(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(0, 10);
}

/** Up to two characters for an avatar that does not load. */
export function initials(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '?';
  return /^[\u4e00-\u9fff]/.test(trimmed)
    ? trimmed.slice(-2)
    : trimmed
        .split(/\s+/)
        .map((w) => w[0])
        .join('')
        .slice(0, 2)
        .toUpperCase();
}

/** The sentence a chat-derived tag came from, wherever the rule put it in its evidence. */
export function evidenceSentence(evidence: Record<string, unknown> | null): string | null {
  if (!evidence) return null;
  for (const key of ['sentence', 'message', 'text', 'content', 'quote']) {
    const v = evidence[key];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return null;
}
