/** @jsxImportSource hono/jsx */
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
  // The hint and the message sit beside the input, outside its label, so that the input's name
  // is the label alone and they are read as its description.
  return (
    <div class="field">
      <label for={name}>{label}</label>
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
      <FieldMessage name={name} errors={errors} />
    </div>
  );
}

/** The message of the rule a field broke, which its input names in aria-describedby. */
export function FieldMessage({ name, errors }: { name: string; errors: Errors }) {
  return errors[name] ? (
    <small id={`${name}-error`} class="field-error">
      {errors[name]}
    </small>
  ) : null;
}

export function Checkbox({ label, name, checked, errors }: { label: string; name: string; checked: boolean; errors: Errors }) {
  const error = errors[name];
  return (
    <>
      <label>
        <input type="checkbox" name={name} value="true" checked={checked} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${name}-error` : undefined} />
        {label}
      </label>
      <FieldMessage name={name} errors={errors} />
    </>
  );
}

/** The three ways a guest can hear about a booking, as every form names them. */
export const notificationChoices = [
  ["receiveEmailUpdates", "Email me updates"],
  ["receivePhoneCall", "Call me"],
  ["receiveTextNotification", "Text me"],
] as const;

/** What a form holds, as its inputs show it: text for a string or a number, nothing otherwise. */
export const shownValue = (values: Record<string, unknown>, name: string): string =>
  typeof values[name] === "string" || typeof values[name] === "number" ? String(values[name]) : "";

export function NotificationFields({ values, errors }: { values: Record<string, unknown>; errors: Errors }) {
  return (
    <fieldset>
      <legend>How we keep you posted</legend>
      {notificationChoices.map(([name, label]) => (
        <Checkbox label={label} name={name} checked={values[name] === true} errors={errors} />
      ))}
    </fieldset>
  );
}

/** The guest's name, phone and email, as every form asks for them. */
export function ContactFields({ values, errors, emailRequired = false }: { values: Record<string, unknown>; errors: Errors; emailRequired?: boolean }) {
  return (
    <>
      <div class="grid">
        <Input label="First name" name="firstName" value={shownValue(values, "firstName")} errors={errors} autocomplete="given-name" required />
        <Input label="Last name" name="lastName" value={shownValue(values, "lastName")} errors={errors} autocomplete="family-name" required />
      </div>
      <div class="grid">
        <Input label="Phone" name="phone" type="tel" value={shownValue(values, "phone")} errors={errors} autocomplete="tel-national" required />
        <Input label="Email" name="email" type="email" value={shownValue(values, "email")} errors={errors} autocomplete="email" required={emailRequired} />
      </div>
    </>
  );
}

/** How a guest would name the fields a form does not show as inputs. */
const hiddenFieldNames: Record<string, string> = { date: "The time", restaurantId: "The restaurant", body: "The form" };

/** Errors no input shows (a field that is hidden, or the form as a whole), above the form. */
export function FormAlert({ errors, shown }: { errors: Errors; shown: readonly string[] }) {
  const rest = Object.entries(errors).filter(([field]) => !shown.includes(field));
  if (rest.length === 0) return null;
  return (
    <p role="alert" class="form-error">
      {rest.map(([field, message]) => `${hiddenFieldNames[field] ?? field} ${message}`).join(". ")}.
    </p>
  );
}
