import { useState } from 'preact/hooks';
import type { Country } from '../../../shared/identifiers/types.js';
import { useSpeaker } from '../i18n.js';

/** Sets one field of a form. */
export type SetField<T> = <K extends keyof T>(key: K, value: T[K]) => void;

/** A form's fields in one state, with a setter for one field (each page's form sections share it). */
export function useForm<T extends object>(start: T) {
  const [form, setForm] = useState<T>(start);
  const set: SetField<T> = (key, value) => setForm((f) => ({ ...f, [key]: value }));
  return { form, set, setForm };
}

/** The KZ/KG choice every page asks first. */
export function CountrySelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Country;
  onChange: (country: Country) => void;
}) {
  const s = useSpeaker();
  return (
    <label class="field">
      <span>{label}</span>
      <select name="country" value={value} onChange={(e) => onChange(e.currentTarget.value as Country)}>
        <option value="KZ">{s.tr('web.country.KZ')}</option>
        <option value="KG">{s.tr('web.country.KG')}</option>
      </select>
    </label>
  );
}

/** The form's submit button, on a line of its own. */
export function SubmitRow() {
  const s = useSpeaker();
  return (
    <div>
      <button type="submit" class="button">
        {s.tr('web.submit')}
      </button>
    </div>
  );
}

/** A message announced to screen readers as soon as it appears; nothing without one. */
export function ErrorAlert({ error }: { error: string | undefined }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}
