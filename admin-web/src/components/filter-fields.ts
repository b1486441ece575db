/**
 * The fields of `filter-bar.vue`, declared by the page: each edits one key of the page's filter
 * object. A select or a date range searches when it changes, a text field on Enter or clear.
 */
export interface FilterOption {
  label: string;
  value: string | number;
}

interface FieldBase {
  /** The key of the filter object the field edits. */
  key: string;
  /** Width in px (default: select 160, text 200, daterange 260). */
  width?: number;
  /** `data-testid` of the control (the browser tests find it by this). */
  testid?: string;
}

export interface SelectField extends FieldBase {
  kind: 'select';
  placeholder: string;
  options: readonly FilterOption[];
  filterable?: boolean;
  disabled?: boolean;
}

export interface TextField extends FieldBase {
  kind: 'text';
  placeholder: string;
}

export interface DateRangeField extends FieldBase {
  kind: 'daterange';
  startPlaceholder: string;
  endPlaceholder: string;
}

export type FilterField = SelectField | TextField | DateRangeField;

/** What a cleared field holds: '' for a select or a text, null for a date range. */
export function clearedValue(field: FilterField): '' | null {
  return field.kind === 'daterange' ? null : '';
}
