/** Props of {@link FilterSelect}. */
export interface FilterSelectProps<K extends string> {
  /** The visible label, also the select's accessible name ("Date range"). */
  label: string;
  /** The choices by key, in order, each with the words shown for it. */
  options: Readonly<Record<K, { readonly label: string }>>;
  value: K;
  onChange: (value: K) => void;
}

/** A labelled `<select>` of a page's toolbar: one filter (date range, region) that every tile follows. */
export function FilterSelect<K extends string>({ label, options, value, onChange }: FilterSelectProps<K>) {
  return (
    <label className="oq-field">
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value as K)}>
        {(Object.entries(options) as [K, { label: string }][]).map(([key, option]) => (
          <option key={key} value={key}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
