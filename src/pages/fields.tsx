/** Form inputs with their label and, beside them, the message of the rule they broke. */
import type { FieldError } from "../lib/problem";

export type Errors = Readonly<Record<string, string>>;

/** The first message per field, as a form shows it beside the input. */
export function errorsByField(errors: readonly FieldError[]): Errors {
  const byField: Record<string, string> = {};
  for (const error of errors) byField[error.field] ??= error.message;
  return byField;
}

interface InputProps {
  label: string;
  name: string;
  value?: string | number | null;
  errors: Errors;
  type?: string;
  autocomplete?: string;
  required?: boolean;
  min?: number;
  max?: number;
  hint?: string;
}

export function Input({ label, name, value, errors, type = "text", autocomplete, required, min, max, hint }: InputProps) {
  const error = errors[name];
  const described = [error ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <label>
      {label}
      <input
        type={type}
        name={name}
        id={name}
        value={value ?? ""}
        autocomplete={autocomplete}
        required={required}
        min={min}
        max={max}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described}
      />
      {hint ? <small id={`${name}-hint`}>{hint}</small> : null}
      {error ? (
        <small id={`${name}-error`} class="field-error">
          {error}
        </small>
      ) : null}
    </label>
  );
}

export function Checkbox({ label, name, checked, errors }: { label: string; name: string; checked: boolean; errors: Errors }) {
  const error = errors[name];
  return (
    <label>
      <input type="checkbox" name={name} value="true" checked={checked} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${name}-error` : undefined} />
      {label}
      {error ? (
        <small id={`${name}-error`} class="field-error">
          {error}
        </small>
      ) : null}
    </label>
  );
}

/** The three ways a guest can hear about a booking, as every form names them. */
export const notificationChoices = [
  ["receiveEmailUpdates", "Email me updates"],
  ["receivePhoneCall", "Call me"],
  ["receiveTextNotification", "Text me"],
] as const;

export type NotificationChoices = Record<(typeof notificationChoices)[number][0], boolean>;

export function NotificationFields({ values, errors }: { values: NotificationChoices; errors: Errors }) {
  return (
    <fieldset>
      <legend>How we keep you posted</legend>
      {notificationChoices.map(([name, label]) => (
        <Checkbox label={label} name={name} checked={values[name]} errors={errors} />
      ))}
    </fieldset>
  );
}

/** Errors no input shows (a field that is hidden, or the form as a whole), above the form. */
export function FormAlert({ errors, shown }: { errors: Errors; shown: readonly string[] }) {
  const rest = Object.entries(errors).filter(([field]) => !shown.includes(field));
  if (rest.length === 0) return null;
  return (
    <p role="alert" class="form-error">
      {rest.map(([field, message]) => `${field === "body" ? "" : `${field} `}${message}`).join(". ")}.
    </p>
  );
}
