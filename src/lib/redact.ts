/**
 * Secrets out of printed text. A server or gateway may echo the request's headers in its error text
 * (`Authorization: Bearer <key>`, `x-api-key: <key>`); whatever it sends back, the key is replaced
 * before anything is shown. Known secrets are replaced wherever they occur, and so is anything shaped
 * like an Anthropic key (`sk-ant-...`), which may be a key other than the one this process holds.
 */
export const REDACTED = '[redacted]';

const KEY_SHAPED = /sk-ant-[A-Za-z0-9_-]+/g;
/** Shorter values are not secrets worth the false positives (an empty or placeholder variable). */
const MIN_SECRET = 8;

export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET) result = result.split(secret).join(REDACTED);
  }
  return result.replace(KEY_SHAPED, REDACTED);
}

/** The secrets this process holds, from its environment. */
export function secretsIn(env: Readonly<Record<string, string | undefined>>): string[] {
  const values = [env.ANTHROPIC_API_KEY, env.ANTHROPIC_AUTH_TOKEN].flatMap((value) =>
    value === undefined ? [] : [value, value.trim()],
  );
  return [...new Set(values)].filter((value) => value.length >= MIN_SECRET);
}
