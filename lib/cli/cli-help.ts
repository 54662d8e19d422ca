/**
 * The `--help` texts of the operator CLI: complete enough to use the CLI without the README (commands, options,
 * examples, where credentials and the endpoint come from, exit codes). Variable names come from the modules that
 * read them, so the help cannot drift from the code.
 */
import {
  ACCESS_KEY_ID_VARS,
  ACCESS_KEY_SECRET_VARS,
  ASSUME_ROLE_VARS,
  ECS_ROLE_VARS,
  PROFILE_VARS,
  SECURITY_TOKEN_VARS,
  SHARED_CREDENTIALS_FILE_VAR,
} from "../ens/credentials";
import { ENDPOINT_ENV_VARS } from "../ens/ens-endpoint";
import { DEFAULT_ENS_HOST } from "../endpoint";
import { DEFAULT_DELETE_TIMEOUT_SECONDS } from "../handler-contract";
import { CLI_NAME, CliCommandName, READ_TIMEOUT_SECONDS } from "./cli-commands";

const COMMAND_HELP: Readonly<Record<CliCommandName, string>> = {
  describe: `Usage: ${CLI_NAME} describe --name NAME [--json] [--endpoint URL]

Shows the key pair named exactly NAME: its name, KeyPairId, MD5 fingerprint and creation time.

  --name NAME      the key pair name (2-128 characters, starts with a letter; letters, digits, ":", "_", "-")
  --json           print one JSON object on stdout instead of a table

Examples:
  ${CLI_NAME} describe --name web-1
  ${CLI_NAME} describe --name web-1 --json | jq -r .keyPairId
`,
  list: `Usage: ${CLI_NAME} list [--prefix P] [--json] [--endpoint URL]

Lists every key pair in the account, paging through DescribeKeyPairs 50 at a time.

  --prefix P       only names starting with P (filtered here: the API has no prefix filter)
  --json           print one JSON array on stdout instead of a table

Examples:
  ${CLI_NAME} list
  ${CLI_NAME} list --prefix web- --json | jq -r '.[].keyPairName'
`,
  delete: `Usage: ${CLI_NAME} delete (--name NAME | --id ID) [--dry-run] [--timeout SECONDS] [--endpoint URL]

Deletes one key pair with DeleteKeyPairs, with the EnsKeyPair handler's rules: a key pair that is already gone
counts as deleted (exit 0); throttling, 5xx and network errors are retried until the timeout.

  --name NAME      delete the key pair of this name
  --id ID          delete the key pair with this KeyPairId (ssh-...): never hits a key that reused a name
  --dry-run        only look the key pair up and show what would be deleted; no DeleteKeyPairs call
  --timeout S      give up retrying after S seconds (default ${DEFAULT_DELETE_TIMEOUT_SECONDS}; decimals allowed)

Examples:
  ${CLI_NAME} delete --name web-1 --dry-run
  ${CLI_NAME} delete --name web-1
  ${CLI_NAME} delete --id ssh-5lywanlkih1zo9yl8eg1 --timeout 60
`,
};

const COMMAND_SUMMARY = `Commands:
  describe --name NAME [--json]                              show one key pair (exit 3 if there is none)
  list [--prefix P] [--json]                                 list key pairs
  delete (--name NAME | --id ID) [--dry-run] [--timeout S]   delete one key pair ("already deleted" is done)

Global options:
  --endpoint URL   the ENS endpoint: a host or https:// URL (http:// only for loopback hosts, e.g. the emulator)
  -h, --help       show this help; "${CLI_NAME} <command> --help" shows a command's
  --version        print the version
`;

const ENVIRONMENT = `Credentials (the first that applies, as the EnsKeyPair handler and the alicloud Terraform provider):
  access key      ${ACCESS_KEY_ID_VARS.join(" | ")}
                  + ${ACCESS_KEY_SECRET_VARS.join(" | ")}
                  (+ ${SECURITY_TOKEN_VARS.join(" | ")} for STS)
  assume role     ${ASSUME_ROLE_VARS.ROLE_ARN} on top of the credentials found
  profile         ${PROFILE_VARS.join(" | ")}: a profile of ~/.aliyun/config.json (or of ${SHARED_CREDENTIALS_FILE_VAR})
  otherwise       OIDC (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_*), the aliyun CLI's current profile,
                  ~/.alibabacloud/credentials, the ECS RAM role when ${ECS_ROLE_VARS.join(" | ")} names it
Secrets and tokens are never printed.

Endpoint: --endpoint, else ${ENDPOINT_ENV_VARS.join(", else ")}, else ${DEFAULT_ENS_HOST} over HTTPS.
`;

const EXIT_CODES = `Exit codes:
  0  done (including "already deleted" and a dry run)
  1  the API refused or failed, or the timeout passed: not done
  2  usage or configuration error: bad flag, invalid name or ID, invalid endpoint, no or rejected credentials
  3  describe: no key pair of that name

Output: tables or JSON on stdout; one line per API attempt, warnings and errors on stderr.
describe and list retry transient errors for up to ${READ_TIMEOUT_SECONDS} s.
`;

/** The help text: the whole CLI's, or one command's. */
export function helpText(command?: CliCommandName): string {
  const intro = command
    ? COMMAND_HELP[command]
    : `Usage: ${CLI_NAME} <command> [options]

Inspect and delete Alibaba Cloud ENS SSH key pairs with the same client, credentials, endpoint rules,
retries and outcome rules as the EnsKeyPair handler that Terraform runs.

${COMMAND_SUMMARY}
Examples:
  ${CLI_NAME} list --prefix web-
  ${CLI_NAME} describe --name web-1 --json
  ${CLI_NAME} delete --name web-1 --dry-run
  ALIBABA_CLOUD_ENDPOINT_ENS=http://127.0.0.1:8080 ${CLI_NAME} delete --id ssh-5lywanlkih1zo9yl8eg1
`;
  return `${intro}\n${ENVIRONMENT}\n${EXIT_CODES}`;
}
