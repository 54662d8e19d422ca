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
import { ENDPOINT_ENV_VARS } from "../ens/resolve-endpoint";
import { DEFAULT_ENS_HOST } from "../shared/endpoint-value";
import { DEFAULT_DELETE_TIMEOUT_SECONDS } from "../shared/delete-timeout";
import {
  CLI_NAME,
  CliCommandName,
  DEFAULT_SWEEP_MIN_AGE_SECONDS,
  READ_TIMEOUT_SECONDS,
} from "./cli-commands";
import { TERRAFORM_BINARY_VAR } from "./state-source";

const STATES = `A STATE is one of:
  FILE             a state file (terraform.tfstate), converted with \`terraform show -json FILE\` run in the
                   current folder: offline when it holds only EnsKeyPairs; with alicloud resources it needs a
                   folder where \`terraform init\` installed that provider, or pass its show output instead
  FILE             a file holding \`terraform show -json\` output: read as it is
  FOLDER           a stack folder (cdktf.out/stacks/<stack>, initialized): \`terraform show -json\` runs there
                   and reads the stack's backend, local or remote
  -                \`terraform show -json\` output on stdin
terraform is ${TERRAFORM_BINARY_VAR} if set, else terraform on PATH.`;

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
  --timeout S      give up retrying after S seconds (default ${DEFAULT_DELETE_TIMEOUT_SECONDS}; whole seconds, 1-86400)

Examples:
  ${CLI_NAME} delete --name web-1 --dry-run
  ${CLI_NAME} delete --name web-1
  ${CLI_NAME} delete --id ssh-5lywanlkih1zo9yl8eg1 --timeout 60
`,
  drift: `Usage: ${CLI_NAME} drift STATE... [--state STATE]... [--key-files] [--json] [--endpoint URL]

Checks every EnsKeyPair in the states against ENS (a custom resource has no refresh step, so terraform plan
cannot see a key deleted out of band) and reports one status per key pair:
  ok               the key pair exists (import mode: with the recorded fingerprint)
  missing          it was deleted out of band; the report prints the terraform apply -replace=... that re-creates it
  changed          the name is held by another key (another fingerprint, another KeyPairId, or created before
                   the stack claimed the name)
  key-lost         (--key-files) the key pair exists, but its private key file is missing, unreadable or holds
                   another key; the report prints the same -replace=..., which makes a new key pair and writes
                   its private key
  unknown          the lookup failed, or a relative private key file has no cdktf project (the reason is printed)
A key pair is looked up at the endpoint its EnsKeyPair sets, else at this CLI's endpoint.

  STATE            a state to check (see below); also as --state STATE
  --key-files      also check the private key file of every create-mode key pair with privateKeyFile: it must
                   hold the private half of the key ENS has (fingerprints compared). A hard kill (the machine
                   dies during an apply) can leave the state saying "created" for a key whose file was never
                   written, and the next apply sees nothing to do; this is where that shows. Opt-in: only the
                   machine whose apply wrote the files holds them, so elsewhere (CI, another operator) every key
                   would read key-lost. A relative path is resolved as the handler does, against the cdktf project:
                   the nearest folder with cdktf.json above the STATE when it is a stack folder, else above the
                   current folder
  --json           print one JSON object on stdout instead of a table

${STATES}

Examples:
  ${CLI_NAME} drift terraform.keys.tfstate
  ${CLI_NAME} drift cdktf.out/stacks/keys --json | jq -r '.keyPairs[] | select(.status != "ok") | .fix.command'
  ${CLI_NAME} drift cdktf.out/stacks/keys --key-files
  terraform -chdir=cdktf.out/stacks/keys show -json | ${CLI_NAME} drift -
`,
  sweep: `Usage: ${CLI_NAME} sweep --prefix P --state STATE... [--dry-run | --yes] [--min-age AGE] [--timeout S]
                    [--json] [--endpoint URL]

Finds orphans: key pairs whose name starts with P that no given state names (through an EnsKeyPair, whatever
release wrote it, or any resource with a key_pair_name, e.g. alicloud_ens_key_pair or alicloud_ens_instance),
older than the minimum age. Prints every key pair under P with what was done and why. A dry run unless --yes.

  --prefix P       only key pairs whose names start with P (required, not empty)
  --state STATE    a state whose key pairs are kept (required; repeat it for every stack using the prefix);
                   a state that names no key pair at all is refused
  --dry-run        only show what would be deleted (the default)
  --yes            delete the orphans, by KeyPairId, with the EnsKeyPair handler's delete: retries, and a key
                   pair already gone counts as deleted; a refused delete is reported and the others go on
  --min-age AGE    keep key pairs younger than AGE by CreationTime, so that an apply still creating one is never
                   raced (default ${DEFAULT_SWEEP_MIN_AGE_SECONDS / 3600}h; seconds, or 90s, 30m, 2h, 1d)
  --timeout S      give up retrying one delete after S seconds (default ${DEFAULT_DELETE_TIMEOUT_SECONDS}; whole seconds, 1-86400)
  --json           print one JSON object on stdout instead of a table

${STATES}

Examples:
  ${CLI_NAME} sweep --prefix ci- --state cdktf.out/stacks/keys
  ${CLI_NAME} sweep --prefix ci- --state terraform.keys.tfstate --state terraform.web.tfstate --yes
`,
};

const COMMAND_SUMMARY = `Commands:
  describe --name NAME [--json]                              show one key pair (exit 3 if there is none)
  list [--prefix P] [--json]                                 list key pairs
  delete (--name NAME | --id ID) [--dry-run] [--timeout S]   delete one key pair ("already deleted" is done)
  drift STATE... [--key-files] [--json]                      check the states' key pairs against ENS (exit 3: drift)
  sweep --prefix P --state STATE... [--yes]                  list (with --yes: delete) key pairs no state names

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
  0  done (including "already deleted" and a dry run); drift: every key pair ok
  1  the API refused or failed, or the timeout passed: not done; drift: a lookup failed; sweep: a delete failed
  2  usage or configuration error: bad flag, invalid name or ID, invalid endpoint, no or rejected credentials,
     a state that cannot be read; drift --key-files: a relative private key file with no cdktf project
  3  describe: no key pair of that name; drift: a key pair is missing or changed (or key-lost)

Output: tables or JSON on stdout; one line per API attempt, warnings and errors on stderr.
describe, list, drift's lookups and sweep's listing retry transient errors for up to ${READ_TIMEOUT_SECONDS} s.
`;

/** The help text: the whole CLI's, or one command's. */
export function helpText(command?: CliCommandName): string {
  const intro = command
    ? COMMAND_HELP[command]
    : `Usage: ${CLI_NAME} <command> [options]

Inspect and delete Alibaba Cloud ENS SSH key pairs, check Terraform states for drift and sweep orphans, with the
same client, credentials, endpoint rules, retries and outcome rules as the EnsKeyPair handler that Terraform runs.

${COMMAND_SUMMARY}
Examples:
  ${CLI_NAME} list --prefix web-
  ${CLI_NAME} describe --name web-1 --json
  ${CLI_NAME} delete --name web-1 --dry-run
  ${CLI_NAME} drift cdktf.out/stacks/keys
  ${CLI_NAME} sweep --prefix web- --state cdktf.out/stacks/keys
  ALIBABA_CLOUD_ENDPOINT_ENS=http://127.0.0.1:8080 ${CLI_NAME} delete --id ssh-5lywanlkih1zo9yl8eg1
`;
  return `${intro}\n${ENVIRONMENT}\n${EXIT_CODES}`;
}
