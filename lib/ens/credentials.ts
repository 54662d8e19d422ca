/**
 * Where the handler's signing credentials come from, aligned with the settings an `alicloud` Terraform
 * provider block already reads (README.md, "Credentials"), and built from the SDK's own providers:
 *
 * 1. a static access key from env, in the provider's order of names (STS when a token is set);
 * 2. else an explicit profile (`ALICLOUD_PROFILE` / `ALIBABA_CLOUD_PROFILE`) from the aliyun CLI config file;
 * 3. else the SDK default chain's sources, except that the ECS metadata service and the credentials URI are
 *    used only when configured (the stock chain always probes 100.100.100.200 and looks up the host
 *    "undefined", which makes "no credentials" slow or leaves the machine);
 * 4. `ALICLOUD_ASSUME_ROLE_ARN` assumes that role on top of whichever of the above applied.
 *
 * Nothing here contacts the network until credentials are requested; with no source configured,
 * {@link loadCredentials} fails within milliseconds.
 */
import * as os from "node:os";
import * as path from "node:path";
import {
  CLIProfileCredentialsProvider,
  ECSRAMRoleCredentialsProvider,
  OIDCRoleArnCredentialsProvider,
  ProfileCredentialsProvider,
  RAMRoleARNCredentialsProvider,
  StaticAKCredentialsProvider,
  StaticSTSCredentialsProvider,
  URICredentialsProvider,
} from "@alicloud/credentials";
import type { CredentialsProvider } from "@alicloud/credentials";
import { CliProfileFileCredentialsProvider } from "./cli-profile-file-provider";
import { ConfigurationError } from "./configuration-error";
import { CredentialsChain, CredentialSource, ProvidedCredentials } from "./credentials-chain";

/** Access key ID variables, in the alicloud provider's order (the first one set wins). */
export const ACCESS_KEY_ID_VARS = [
  "ALICLOUD_ACCESS_KEY",
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABACLOUD_ACCESS_KEY_ID",
];
/** Access key secret variables, in the provider's order. */
export const ACCESS_KEY_SECRET_VARS = [
  "ALICLOUD_SECRET_KEY",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABACLOUD_ACCESS_KEY_SECRET",
];
/** STS security token variables, in the provider's order. */
export const SECURITY_TOKEN_VARS = [
  "ALICLOUD_SECURITY_TOKEN",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALIBABACLOUD_SECURITY_TOKEN",
];
/** Profile name variables, in the provider's order. */
export const PROFILE_VARS = ["ALICLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE"];
/** The provider's `shared_credentials_file`: an aliyun CLI config file at another path. */
export const SHARED_CREDENTIALS_FILE_VAR = "ALICLOUD_SHARED_CREDENTIALS_FILE";
/** The provider's `assume_role` block. */
export const ASSUME_ROLE_VARS = {
  ROLE_ARN: "ALICLOUD_ASSUME_ROLE_ARN",
  SESSION_NAME: "ALICLOUD_ASSUME_ROLE_SESSION_NAME",
  SESSION_EXPIRATION: "ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION",
} as const;
/** ECS RAM role name variables (the provider's `ecs_role_name`); setting one enables the metadata service. */
export const ECS_ROLE_VARS = ["ALICLOUD_ECS_ROLE_NAME", "ALIBABA_CLOUD_ECS_METADATA"];
/** The SDK's OIDC role variables (the provider's `assume_role_with_oidc`). */
const OIDC_VARS = [
  "ALIBABA_CLOUD_ROLE_ARN",
  "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
  "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
];
/** Credentials URI variables (the provider's `credentials_uri`). */
const CREDENTIALS_URI_VARS = ["ALICLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_CREDENTIALS_URI"];

const DEFAULT_SESSION_NAME = "terraform";
const DEFAULT_SESSION_EXPIRATION_SECONDS = 3600;
const SESSION_EXPIRATION_RANGE = { min: 900, max: 43_200 };

/** Credentials ready for signing, and where they came from. */
interface LoadedCredentials {
  /** The provider to sign with (it refreshes session credentials by itself). */
  readonly provider: CredentialsProvider;
  /** Where the credentials came from, for messages. */
  readonly sourceName: string;
  /** The credentials first obtained (their secret and token must be masked in logs). */
  readonly credentials: ProvidedCredentials;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The first variable among `names` with a non-empty value. */
function firstSet(env: Env, names: readonly string[]): { name: string; value: string } | undefined {
  const name = names.find((n) => !!env[n]);
  return name ? { name, value: env[name] as string } : undefined;
}

function iniCredentialsFile(env: Env): string {
  return env.ALIBABA_CLOUD_CREDENTIALS_FILE || path.join(os.homedir(), ".alibabacloud", "credentials");
}

function cliConfigFile(): string {
  return path.join(os.homedir(), ".aliyun", "config.json");
}

function expandHome(file: string): string {
  return file === "~" || file.startsWith("~/") ? path.join(os.homedir(), file.slice(1)) : path.resolve(file);
}

function built(name: string, build: () => CredentialsProvider): CredentialSource {
  try {
    return { name, provider: build() };
  } catch (error) {
    return { name, skipped: error instanceof Error ? error.message : String(error) };
  }
}

function staticAccessKeySource(env: Env): CredentialSource | undefined {
  const id = firstSet(env, ACCESS_KEY_ID_VARS);
  const secret = firstSet(env, ACCESS_KEY_SECRET_VARS);
  if (id && !secret) {
    throw new ConfigurationError(
      `${id.name} is set but no access key secret is: set ${ACCESS_KEY_SECRET_VARS.join(" or ")} as well, ` +
        `or unset ${id.name} to use another credential source.`,
    );
  }
  if (secret && !id) {
    throw new ConfigurationError(
      `${secret.name} is set but no access key ID is: set ${ACCESS_KEY_ID_VARS.join(" or ")} as well, ` +
        `or unset ${secret.name} to use another credential source.`,
    );
  }
  if (!id || !secret) return undefined;
  const token = firstSet(env, SECURITY_TOKEN_VARS);
  const names = [id.name, secret.name, ...(token ? [token.name] : [])].join(", ");
  if (token) {
    return built(`STS token from ${names}`, () =>
      StaticSTSCredentialsProvider.builder()
        .withAccessKeyId(id.value)
        .withAccessKeySecret(secret.value)
        .withSecurityToken(token.value)
        .build(),
    );
  }
  return built(`access key from ${names}`, () =>
    StaticAKCredentialsProvider.builder().withAccessKeyId(id.value).withAccessKeySecret(secret.value).build(),
  );
}

function explicitProfileSources(env: Env, profile: { name: string; value: string }): CredentialSource[] {
  const customFile = env[SHARED_CREDENTIALS_FILE_VAR];
  if (customFile) {
    const file = expandHome(customFile);
    return [
      {
        name: `aliyun CLI profile "${profile.value}" (${profile.name}) in ${file} (${SHARED_CREDENTIALS_FILE_VAR})`,
        provider: new CliProfileFileCredentialsProvider(file, profile.value),
      },
    ];
  }
  return [
    built(`aliyun CLI profile "${profile.value}" (${profile.name}) in ${cliConfigFile()}`, () =>
      CLIProfileCredentialsProvider.builder().withProfileName(profile.value).build(),
    ),
    built(`profile "${profile.value}" in ${iniCredentialsFile(env)}`, () =>
      ProfileCredentialsProvider.builder().withProfileName(profile.value).build(),
    ),
  ];
}

function defaultChainSources(env: Env): CredentialSource[] {
  const ecsRole = firstSet(env, ECS_ROLE_VARS);
  const uri = firstSet(env, CREDENTIALS_URI_VARS);
  const oidcName = `OIDC role (${OIDC_VARS.join(", ")})`;
  return [
    OIDC_VARS.some((name) => env[name])
      ? built(oidcName, () => OIDCRoleArnCredentialsProvider.builder().build())
      : { name: oidcName, skipped: "not set" },
    built(`aliyun CLI current profile in ${cliConfigFile()}`, () =>
      CLIProfileCredentialsProvider.builder().build(),
    ),
    built(`profile "default" in ${iniCredentialsFile(env)}`, () =>
      ProfileCredentialsProvider.builder().build(),
    ),
    ecsRole
      ? built(`ECS RAM role "${ecsRole.value}" (${ecsRole.name}) from the instance metadata service`, () =>
          ECSRAMRoleCredentialsProvider.builder().withRoleName(ecsRole.value).build(),
        )
      : { name: "ECS RAM role", skipped: `not used unless ${ECS_ROLE_VARS.join(" or ")} names the role` },
    uri
      ? built(`credentials URI (${uri.name})`, () =>
          URICredentialsProvider.builder().withCredentialsURI(uri.value).build(),
        )
      : { name: "credentials URI", skipped: `${CREDENTIALS_URI_VARS.join(" / ")} not set` },
  ];
}

function sessionExpirationSeconds(env: Env): number | undefined {
  const raw = env[ASSUME_ROLE_VARS.SESSION_EXPIRATION];
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (
    !Number.isInteger(seconds) ||
    seconds < SESSION_EXPIRATION_RANGE.min ||
    seconds > SESSION_EXPIRATION_RANGE.max
  ) {
    throw new ConfigurationError(
      `Invalid ${ASSUME_ROLE_VARS.SESSION_EXPIRATION} ${JSON.stringify(raw)}: it must be a whole number of seconds ` +
        `from ${SESSION_EXPIRATION_RANGE.min} to ${SESSION_EXPIRATION_RANGE.max}.`,
    );
  }
  return seconds;
}

/** The credential sources that apply to `env`, in order (see the module comment). */
export function credentialSources(env: Env = process.env): CredentialsChain {
  const staticKey = staticAccessKeySource(env);
  if (staticKey) return new CredentialsChain([staticKey]);
  const profile = firstSet(env, PROFILE_VARS);
  if (profile) return new CredentialsChain(explicitProfileSources(env, profile));
  return new CredentialsChain([
    {
      name: "access key from env",
      skipped: `none of ${[...ACCESS_KEY_ID_VARS, ...ACCESS_KEY_SECRET_VARS].join(", ")} is set`,
    },
    { name: "named profile", skipped: `${PROFILE_VARS.join(" / ")} not set` },
    ...defaultChainSources(env),
  ]);
}

/** The provider to sign with, before any credential is fetched. */
interface CredentialsSetup {
  /** The base sources. */
  readonly chain: CredentialsChain;
  /** The chain, or the role assumption on top of it. */
  readonly provider: CredentialsProvider;
  /** The role `ALICLOUD_ASSUME_ROLE_ARN` names, if any. */
  readonly roleArn?: string;
}

/**
 * Builds the credentials provider for `env` without fetching anything: the base chain, wrapped in the SDK's
 * `RAMRoleARNCredentialsProvider` when `ALICLOUD_ASSUME_ROLE_ARN` is set (the provider's `assume_role`).
 *
 * @throws ConfigurationError for inconsistent settings (an access key without secret, a bad session expiration)
 */
export function credentialsSetup(env: Env = process.env): CredentialsSetup {
  const chain = credentialSources(env);
  const roleArn = env[ASSUME_ROLE_VARS.ROLE_ARN];
  if (!roleArn) return { chain, provider: chain };
  const provider = RAMRoleARNCredentialsProvider.builder()
    .withCredentialsProvider(chain)
    .withRoleArn(roleArn)
    .withRoleSessionName(env[ASSUME_ROLE_VARS.SESSION_NAME] || DEFAULT_SESSION_NAME)
    .withDurationSeconds(sessionExpirationSeconds(env) ?? DEFAULT_SESSION_EXPIRATION_SECONDS)
    .build();
  return { chain, provider, roleArn };
}

const HOW_TO_SET =
  "Set credentials the way the alicloud Terraform provider reads them, e.g. ALIBABA_CLOUD_ACCESS_KEY_ID and " +
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET (or ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY), or ALICLOUD_PROFILE=<name> " +
  "for a profile made with `aliyun configure`, in the environment that runs cdktf/terraform.";

/**
 * Resolves credentials once, before any API call, so a missing or broken source fails fast.
 *
 * @throws ConfigurationError naming every source tried and how to set one
 */
export async function loadCredentials(env: Env = process.env): Promise<LoadedCredentials> {
  const { chain, provider, roleArn } = credentialsSetup(env);
  let credentials: ProvidedCredentials;
  try {
    credentials = await provider.getCredentials();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (chain.chosenSource) {
      throw new ConfigurationError(
        `Could not assume role ${roleArn} (${ASSUME_ROLE_VARS.ROLE_ARN}) with the credentials from ` +
          `${chain.chosenSource.name}: ${reason}. Check the role ARN and that the caller may assume it.`,
      );
    }
    throw new ConfigurationError(
      `No usable Alibaba Cloud credentials. Tried, in order: ${reason}. ${HOW_TO_SET}`,
    );
  }
  const baseName = chain.chosenSource?.name ?? "credentials";
  return {
    provider,
    sourceName: roleArn ? `role ${roleArn} assumed with ${baseName}` : baseName,
    credentials,
  };
}
