import { Annotations, Token } from "cdktf";
import { Construct } from "constructs";
import { handlerScriptOf } from "./custom-resource/handler-asset";
import { createStep, deleteStep } from "./custom-resource/handler-provisioners";
import { HclExpression, HclMap, hclStringLiteral } from "./custom-resource/hcl-map";
import { TerraformData } from "./custom-resource/terraform-data";
import { isEndpointViolation, parseEndpoint } from "./shared/endpoint-value";
import {
  createBeforeDestroyRefused,
  emptyPrivateKeyFile,
  invalidDeleteTimeout,
  invalidProp,
  invalidRemovalPolicy,
} from "./errors";
import { DEFAULT_DELETE_TIMEOUT_SECONDS, isDeleteTimeoutSeconds } from "./shared/delete-timeout";
import { HandlerInputKey, HandlerInputValues, InputKey } from "./shared/handler-contract";
import { settingsViolation } from "./shared/key-pair-settings";
import { isRemovalPolicy, RemovalPolicy } from "./shared/removal-policy";
import { KeyPairMode } from "./shared/key-pair-mode";
import { checkKeyPairId } from "./shared/key-pair-id";
import { checkKeyPairName } from "./shared/key-pair-name";
import { isPublicKeyViolation, md5Fingerprint, parseSshRsaPublicKey } from "./shared/public-key";

export { KeyPairMode, RemovalPolicy };

/** Properties of an {@link EnsKeyPair}. */
export interface EnsKeyPairProps {
  /**
   * Name of the key pair in ENS: 2–128 characters, starting with a letter, made of letters, digits, `:`, `_` and `-`,
   * not starting with `http://` or `https://`. A literal that breaks a rule fails synth; a token is checked by the
   * handler when Terraform runs it. Changing it replaces the key pair.
   */
  readonly keyPairName: string;

  /**
   * An OpenSSH `ssh-rsa` public key (one line) to import with ImportKeyPair. ENS accepts only ssh-rsa keys.
   * Changing it replaces the key pair.
   *
   * @default - ENS creates a new key pair (CreateKeyPair) and returns its private key once
   */
  readonly publicKey?: string;

  /**
   * Create mode only: file the handler writes the new private key to, with mode 0600. A relative path is relative to
   * the cdktf project folder (the one holding `cdktf.json`, where cdktf runs), and is resolved by the handler when
   * Terraform runs, so the synthesized configuration holds no path of this machine. The key never appears in
   * `cdk.tf.json`, state or logs.
   *
   * @default - the private key is discarded (a synth warning says so)
   */
  readonly privateKeyFile?: string;

  /**
   * ENS API endpoint: a host (`ens.aliyuncs.com`) or an `https://` URL; `http://` only for loopback hosts (the
   * emulator). Changing it replaces the key pair.
   *
   * @default - env `ALIBABA_CLOUD_ENDPOINT_ENS`, else `ENS_ENDPOINT`, else `ens.aliyuncs.com`, read when Terraform runs
   */
  readonly endpoint?: string;

  /**
   * What destroying the resource does to the key pair in Alibaba Cloud.
   *
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * How long the delete step keeps retrying transient errors (throttling, 5xx, network) before it fails and leaves
   * the resource in Terraform state for the next run. Whole seconds, 1–86400.
   *
   * @default 300
   */
  readonly deleteTimeoutSeconds?: number;

  /**
   * Adopt a key pair that already exists under `keyPairName` instead of failing with "name taken": in import mode
   * only when its fingerprint equals `publicKey`'s; in create mode the existing key is taken as is (its private key
   * is not available, so `privateKeyFile` is not allowed). From then on this library owns the key and deletes it
   * on destroy. Use it to move a key from the provider's `alicloud_ens_key_pair` without deleting it.
   *
   * @default false
   */
  readonly adoptExisting?: boolean;

  /**
   * The KeyPairId (`ssh-…`) of an adopted key pair: the delete step then deletes by ID, which cannot hit a different
   * key that later reused the name. Requires `adoptExisting`. Changing it replaces the key pair.
   *
   * @default - delete by name
   */
  readonly keyPairId?: string;
}

/**
 * An Alibaba Cloud ENS SSH key pair whose whole lifecycle runs through this library's own handler: created or
 * imported on apply, deleted on destroy with "already deleted" treated as success, transient errors retried and
 * every other failure reported while Terraform keeps the resource in state.
 *
 * Synthesizes two `terraform_data` resources. `resource` records the identity, the settings and the time this stack
 * claimed the name, and runs the delete step when destroyed; `createStep`, created after it, runs the create step.
 * A create step that fails or is interrupted taints only `createStep` (the next apply runs it again), while
 * `resource`, which has no create-time provisioner, stays in state untainted, so its delete step still runs on
 * destroy: Terraform never runs a tainted resource's destroy-time provisioner.
 */
export class EnsKeyPair extends Construct {
  private keyPairNameToken?: string;

  /** Whether ENS creates the key (`create`) or imports `publicKey` (`import`). */
  public readonly mode: KeyPairMode;

  /**
   * The `terraform_data` resource that carries the key pair's identity, settings and claim time, and runs the delete
   * step when destroyed. Its address is the one release 0.1 used for its single resource.
   */
  public readonly resource: TerraformData;

  /**
   * The `terraform_data` resource that runs the create step, after {@link resource} exists. Replaced whenever
   * `resource` is, and tainted (so run again by the next apply) when its create step fails or is interrupted.
   */
  public readonly createStep: TerraformData;

  constructor(scope: Construct, id: string, props: EnsKeyPairProps) {
    super(scope, id);
    const where = this.node.path;
    this.mode = props.publicKey === undefined ? KeyPairMode.CREATE : KeyPairMode.IMPORT;

    const identity: HandlerInputValues = {
      [InputKey.keyPairName]: checkedName(where, props.keyPairName),
      [InputKey.mode]: this.mode,
    };
    if (props.endpoint !== undefined) identity[InputKey.endpoint] = checkedEndpoint(where, props.endpoint);
    if (props.publicKey !== undefined) Object.assign(identity, publicKeyInput(where, props.publicKey));
    const violation = settingsViolation(
      {
        importMode: this.mode === KeyPairMode.IMPORT,
        adoptExisting: Boolean(props.adoptExisting),
        hasKeyPairId: props.keyPairId !== undefined,
        hasPrivateKeyFile: props.privateKeyFile !== undefined,
      },
      PROP_NAMES,
    );
    if (violation) throw invalidProp(where, violation);
    if (props.keyPairId !== undefined)
      identity[InputKey.keyPairId] = checkedKeyPairId(where, props.keyPairId);

    const settings: HandlerInputValues = {
      [InputKey.removalPolicy]: checkedRemovalPolicy(where, props.removalPolicy ?? RemovalPolicy.DESTROY),
      [InputKey.deleteTimeoutSeconds]: checkedTimeout(
        where,
        props.deleteTimeoutSeconds ?? DEFAULT_DELETE_TIMEOUT_SECONDS,
      ),
    };
    if (props.adoptExisting) settings[InputKey.adoptExisting] = "true";
    if (props.privateKeyFile !== undefined) {
      settings[InputKey.privateKeyFile] = checkedPrivateKeyFile(where, props.privateKeyFile);
    } else if (this.mode === KeyPairMode.CREATE && !props.adoptExisting) {
      Annotations.of(this).addWarning(
        `EnsKeyPair "${where}" creates a key pair without privateKeyFile: ENS returns the private key only once and ` +
          "it will be discarded, so nobody can log in with this key. Set privateKeyFile, or import your own key with publicKey.",
      );
    }

    const values = { ...identity, ...settings };
    const inputKeys = [...(Object.keys(values) as HandlerInputKey[]), InputKey.claimedAt];
    const handlerScript = handlerScriptOf(this);
    this.resource = new TerraformData(this, "Resource", {
      // A map, so that ignoring the claim keeps it absent in state written by release 0.1 (see HclMap).
      input: new HclMap(values, { [InputKey.claimedAt]: "timestamp()" }),
      triggersReplace: identity,
      // The claim is the first apply's time (timestamp() at apply, not plan: a saved plan may be applied much later).
      lifecycle: { ignoreChanges: [`input["${InputKey.claimedAt}"]`] },
      provisioners: [deleteStep(handlerScript, inputKeys)],
    });
    const main = this.resource;
    this.createStep = new TerraformData(this, "Create", {
      // The plan time tells the create step whether `resource` was created by this run (claim >= plan time) or by
      // an earlier one that may have left a key pair behind. Frozen once created: only its creation runs the step.
      input: new HclExpression(
        () => `merge(${main.address}.input, {${hclStringLiteral(InputKey.plannedAt)} = plantimestamp()})`,
      ),
      triggersReplace: new HclExpression(() => `${main.address}.id`),
      lifecycle: { ignoreChanges: ["input"] },
      provisioners: [createStep(handlerScript, [...inputKeys, InputKey.plannedAt])],
    });
    this.node.addValidation({ validate: () => this.refuseCreateBeforeDestroy() });
  }

  /**
   * The key pair name as a token that references the underlying resource: whatever uses it (for example an
   * `alicloud_ens_instance`'s `key_pair_name`) is created after the key pair and destroyed before it.
   */
  public get keyPairName(): string {
    // Made on first use: a token records a stack trace, which thousands of unreferenced key pairs need not pay for.
    // It references createStep's input (known at plan time, unlike its output), so users come after the create step.
    this.keyPairNameToken ??= this.createStep.inputAttribute(InputKey.keyPairName);
    return this.keyPairNameToken;
  }

  /**
   * Terraform skips destroy-time provisioners under create_before_destroy, so a replacement would leak the old key.
   * Checked at synth (not in the constructor) because lifecycle and overrides can be set after construction.
   */
  private refuseCreateBeforeDestroy(): string[] {
    const resources = { resource: this.resource, createStep: this.createStep };
    return Object.entries(resources)
      .filter(([, resource]) => resource.createsBeforeDestroy)
      .map(([name]) => createBeforeDestroyRefused(this.node.path, name));
  }
}

/** How synth messages name the props the settings rules combine. */
const PROP_NAMES = {
  keyPairId: "keyPairId",
  adoptExisting: "adoptExisting: true",
  privateKeyFile: "privateKeyFile",
  publicKey: "publicKey",
};

function checkedName(where: string, name: string): string {
  if (Token.isUnresolved(name)) return name;
  const violation = checkKeyPairName(name);
  if (violation) throw invalidProp(where, violation.message);
  return name;
}

function checkedEndpoint(where: string, endpoint: string): string {
  if (Token.isUnresolved(endpoint)) return endpoint;
  const parsed = parseEndpoint(endpoint, "endpoint");
  if (isEndpointViolation(parsed)) throw invalidProp(where, parsed.message);
  return endpoint;
}

function publicKeyInput(where: string, publicKey: string): HandlerInputValues {
  if (Token.isUnresolved(publicKey)) return { [InputKey.publicKey]: publicKey };
  const parsed = parseSshRsaPublicKey(publicKey);
  if (isPublicKeyViolation(parsed)) throw invalidProp(where, parsed.message);
  return { [InputKey.publicKey]: parsed.line, [InputKey.fingerprint]: md5Fingerprint(parsed.blob) };
}

function checkedRemovalPolicy(where: string, policy: string): string {
  if (!isRemovalPolicy(policy)) throw invalidRemovalPolicy(where, policy);
  return policy;
}

function checkedTimeout(where: string, seconds: number): string {
  if (Token.isUnresolved(seconds)) return Token.asString(seconds);
  if (!isDeleteTimeoutSeconds(seconds)) throw invalidDeleteTimeout(where, seconds);
  return String(seconds);
}

function checkedKeyPairId(where: string, id: string): string {
  if (Token.isUnresolved(id)) return id;
  const violation = checkKeyPairId(id, "keyPairId");
  if (violation) throw invalidProp(where, violation);
  return id;
}

/** Kept as written: a relative path is resolved by the handler when Terraform runs, against the cdktf project. */
function checkedPrivateKeyFile(where: string, file: string): string {
  if (Token.isUnresolved(file)) return file;
  if (file.trim() === "") throw emptyPrivateKeyFile(where);
  return file;
}
