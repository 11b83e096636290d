/**
 * A labelled form field (`div.field`: label, control, hint, error) and a labelled select of a fixed
 * list of values, shared by the filter bars and the creation form so every field is labelled, hinted
 * and reports its error the same way.
 */
import type { ReactNode, SelectHTMLAttributes } from "react";

/**
 * The label (for the control with this `id`), the control, then the hint (`<id>-hint`) and the error
 * (`<id>-error`, announced as an alert); point the control's `aria-describedby` at them with
 * `describedBy`.
 */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** The ids of the hint and error a Field renders for `id`, for `aria-describedby`; undefined when neither. */
export function describedBy(id: string, error: string | undefined, hint: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((v) => v !== null);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "onChange" | "children">;

/**
 * A Field holding a select of `values`, each shown by its label (the value itself when `labels` has
 * none), after an optional first option `empty` whose value is "" ("All tiers", "Any action").
 * `onChoose` gets the chosen value, typed, or null for the empty option; other props (value,
 * defaultValue, name, disabled) go to the select.
 */
export function SelectField<T extends string>({
  id,
  label,
  values,
  labels,
  empty,
  error,
  onChoose,
  ...select
}: SelectProps & {
  id: string;
  label: string;
  values: readonly T[];
  labels?: Readonly<Partial<Record<T, string>>>;
  empty?: string;
  error?: string | undefined;
  onChoose?: (value: T | null) => void;
}) {
  return (
    <Field id={id} label={label} error={error}>
      <select
        id={id}
        {...select}
        onChange={
          onChoose && ((event) => onChoose(values.find((value) => value === event.target.value) ?? null))
        }
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {values.map((value) => (
          <option key={value} value={value}>
            {labels?.[value] ?? value}
          </option>
        ))}
      </select>
    </Field>
  );
}
