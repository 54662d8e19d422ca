/**
 * Which ENS endpoint to call: an explicit value (the construct's `endpoint` prop), else the alicloud provider's
 * env overrides `ALIBABA_CLOUD_ENDPOINT_ENS` then `ENS_ENDPOINT`, else `https://ens.aliyuncs.com`.
 */
import { DEFAULT_ENS_HOST, Endpoint, isEndpointViolation, parseEndpoint } from "../shared/endpoint-value";
import { ConfigurationError } from "./configuration-error";

/** Env variables that override the ENS endpoint, in the provider's order. */
export const ENDPOINT_ENV_VARS = ["ALIBABA_CLOUD_ENDPOINT_ENS", "ENS_ENDPOINT"];

/** An endpoint and where it came from. */
interface ResolvedEndpoint extends Endpoint {
  /** The variable or setting the value came from, or `default`. */
  readonly source: string;
}

/**
 * Resolves and checks the endpoint. The first non-empty candidate wins and is checked; an invalid one is an
 * error (never silently skipped), so a typo cannot send signed requests somewhere unintended.
 *
 * @param explicit a value set by the caller and the name to report it under
 * @throws ConfigurationError for an invalid value (e.g. plain http:// to a non-loopback host)
 */
export function resolveEnsEndpoint(
  explicit: { readonly value: string | undefined; readonly source: string } | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ResolvedEndpoint {
  const candidates = [
    ...(explicit ? [{ value: explicit.value, source: explicit.source }] : []),
    ...ENDPOINT_ENV_VARS.map((name) => ({ value: env[name], source: name })),
  ];
  const chosen = candidates.find((c) => !!c.value);
  if (!chosen?.value) return { protocol: "https", host: DEFAULT_ENS_HOST, source: "default" };
  const parsed = parseEndpoint(chosen.value, chosen.source);
  if (isEndpointViolation(parsed)) throw new ConfigurationError(parsed.message);
  return { ...parsed, source: chosen.source };
}
