/**
 * Everything that must hold before the first API call, shared by the handler and the operator CLI: the endpoint
 * resolved and checked, credentials found (with their secret and token masked in the log from then on), and a
 * client built on both.
 */
import { loadCredentials } from "./credentials";
import { EnsClient } from "./ens-client";
import { resolveEnsEndpoint } from "./resolve-endpoint";
import type { EnsLog } from "./ens-log";

/** An endpoint value set by the caller, and the name it is reported under. */
interface ExplicitEndpoint {
  /** The value; `undefined` or "" when not set. */
  readonly value: string | undefined;
  /** Where it came from, e.g. `--endpoint`. */
  readonly source: string;
}

/**
 * Resolves the endpoint and the credentials and builds the client; logs where both came from.
 *
 * @throws ConfigurationError for an invalid endpoint or missing/incomplete credentials (no request was sent)
 */
export async function connectToEns(
  explicitEndpoint: ExplicitEndpoint,
  env: Readonly<Record<string, string | undefined>>,
  log: EnsLog,
): Promise<EnsClient> {
  const endpoint = resolveEnsEndpoint(explicitEndpoint, env);
  const loaded = await loadCredentials(env);
  log.redact(loaded.credentials.accessKeySecret);
  log.redact(loaded.credentials.securityToken);
  const origin = endpoint.source === "default" ? "the default endpoint" : `set by ${endpoint.source}`;
  log.info(
    `calling ${endpoint.protocol}://${endpoint.host} (${origin}) with credentials from ${loaded.sourceName}`,
  );
  return new EnsClient({ endpoint, credentials: loaded.provider });
}
