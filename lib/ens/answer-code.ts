/**
 * Errors inside HTTP 200 answers. `@alicloud/openapi-core` hands back any 2xx body as a success; the alicloud
 * Terraform provider (`formatError` in alicloud/connectivity/client.go) turns a 200 body whose `Code` is not a
 * success into an error, and names ENS among the APIs whose successes carry a `Code`. The ENS
 * key pair pages document no `Code` on success, so which values mean success is decided here, once.
 */

/**
 * The `Code` values of an HTTP 200 answer that mean success, compared as text, trimmed, ignoring case: `0` (a number
 * or a string: ENS's own success examples, e.g. DescribeEnsRegions), `200`, `Success` and `OK` (what the provider
 * also accepts).
 */
export const SUCCESS_CODES: ReadonlySet<string> = new Set(["0", "200", "success", "ok"]);

/** What an HTTP 200 answer carries when it is an error in disguise. */
interface ErrorInAnswer {
  /** The error `Code`, as the answer writes it (a number as its decimal text). */
  readonly code: string;
  /** The answer's `Message`. @default - the answer had none */
  readonly message?: string;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * The error an HTTP 200 answer carries: its `Code` (or lower-case `code`, as the provider also reads) when that is a
 * non-empty string or a number and not one of {@link SUCCESS_CODES}. A body without such a `Code` is a success, as
 * the documented ENS answers are. Unlike the provider, an empty `Message` does not turn an error code into a
 * success: an answer that names an error is never taken for a done action.
 *
 * @returns undefined for a success
 */
export function errorInAnswer(body: Readonly<Record<string, unknown>>): ErrorInAnswer | undefined {
  const code = textOf(body.Code) ?? textOf(body.code);
  if (code === undefined || SUCCESS_CODES.has(code.toLowerCase())) return undefined;
  return { code, message: textOf(body.Message) ?? textOf(body.message) };
}
