/**
 * ENS endpoint values: a host (`ens.aliyuncs.com`) or a URL (`https://host[:port]`), with plain
 * `http://` allowed only for loopback hosts (tests and the emulator). Pure: shared by the construct
 * (synth-time checks of literals) and the handler (run-time resolution).
 */

/** A checked endpoint. */
export interface Endpoint {
  /** `https`, or `http` for a loopback host. */
  readonly protocol: "https" | "http";
  /** Host name or address, with `:port` when one was given. */
  readonly host: string;
}

/** Why an endpoint value is invalid. */
interface EndpointViolation {
  /** A sentence that names the problem, the value and the fix. */
  readonly message: string;
}

/** The public ENS endpoint (the API has one central endpoint). */
export const DEFAULT_ENS_HOST = "ens.aliyuncs.com";

/** True for 127.0.0.0/8, `localhost` and `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** True when `parseEndpoint` returned a violation. */
export function isEndpointViolation(value: Endpoint | EndpointViolation): value is EndpointViolation {
  return "message" in value;
}

/**
 * Parses an endpoint value.
 *
 * @param source where the value came from, for error messages (e.g. `endpoint` or `ENS_ENDPOINT`)
 */
export function parseEndpoint(value: string, source = "endpoint"): Endpoint | EndpointViolation {
  const shown = JSON.stringify(value);
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  let url: URL;
  try {
    url = new URL(hasScheme ? value : `https://${value}`);
  } catch {
    return {
      message: `Invalid ${source} ${shown}: it is neither a host name nor a URL. Use e.g. "ens.aliyuncs.com".`,
    };
  }
  const protocol = url.protocol.slice(0, -1);
  if (protocol !== "https" && protocol !== "http") {
    return {
      message: `Invalid ${source} ${shown}: only https:// URLs (or http:// on a loopback host) are allowed.`,
    };
  }
  if (
    url.username ||
    url.password ||
    (url.pathname !== "/" && url.pathname !== "") ||
    url.search ||
    url.hash
  ) {
    return {
      message: `Invalid ${source} ${shown}: give only a host or a scheme://host[:port] URL, without user, path, query or fragment.`,
    };
  }
  if (!url.hostname || (hasScheme ? false : value.includes("/"))) {
    return { message: `Invalid ${source} ${shown}: it has no host name. Use e.g. "ens.aliyuncs.com".` };
  }
  if (protocol === "http" && !isLoopbackHost(url.hostname)) {
    return {
      message:
        `Invalid ${source} ${shown}: plain http:// is allowed only for loopback hosts (127.0.0.1, localhost, ::1), ` +
        `because credentials-signed requests must not travel unencrypted. Use https://${url.host}.`,
    };
  }
  return { protocol, host: url.host };
}
