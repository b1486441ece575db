import { useI18n } from 'vue-i18n';

/**
 * The label of a server enum value (`channels.type.multi` → 多人活码). A value the console does
 * not know yet (a newer server) shows as it is rather than as a missing key.
 */
export function useEnumLabel() {
  const { t, te } = useI18n();
  return (prefix: string, value: string | number | null | undefined): string => {
    if (value === null || value === undefined || value === '') return '—';
    const key = `${prefix}.${value}`;
    return te(key) ? t(key) : String(value);
  };
}
