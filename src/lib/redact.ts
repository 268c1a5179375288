/**
 * Takes secrets out of text bound for a log, an error column, a metric or an API answer: every
 * value the settings file took from the environment, and the password of any URL.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let clean = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^/\s@]+@/gi, "$1***@");
  for (const secret of secrets) {
    if (secret.length >= 4) clean = clean.split(secret).join("***");
  }
  return clean;
}
