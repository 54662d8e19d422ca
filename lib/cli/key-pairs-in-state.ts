/**
 * The key pairs a Terraform state records, read from its documented JSON form (`terraform show -json`, the "values
 * representation"), never from the state file's internals.
 *
 * An EnsKeyPair is recognized by what the construct writes into its `terraform_data` resources' `input`: a string
 * `key_pair_name` and a `mode` of `create` or `import`. Every release has written both (release 0.1 had one resource
 * per key pair with that input; later releases add `claimed_at` to the same, main, resource and a create step whose
 * input is the main one's plus `planned_at`). Names of resources or modules are never looked at. The create step is
 * matched to its main resource by its `triggers_replace`, which holds the main resource's `id`, so a key pair counts
 * once however many resources it has.
 *
 * Pure: the caller reads the JSON.
 */
import { InputKey } from "../shared/handler-contract";

/** The `mode` values an EnsKeyPair records. */
const MODES = ["create", "import"] as const;

/** The Terraform resource type of every EnsKeyPair resource. */
const ENS_KEY_PAIR_RESOURCE_TYPE = "terraform_data";

/** One EnsKeyPair in a state: its main resource and, when the state holds it, its create step. */
export interface EnsKeyPairInState {
  /** The main resource's address (the create step's, when the state holds no main resource for it). */
  readonly address: string;
  /** The create step's address. @default - the state holds none (release 0.1, or not created yet) */
  readonly createStepAddress?: string;
  /** The key pair name. */
  readonly keyPairName: string;
  /** `create` (ENS made the key) or `import` (the user's public key). */
  readonly mode: (typeof MODES)[number];
  /** The endpoint the EnsKeyPair sets. @default - none: the environment's or the default endpoint */
  readonly endpoint?: string;
  /** Import mode: the public key's MD5 fingerprint. */
  readonly fingerprint?: string;
  /** The KeyPairId of an adopted key pair. */
  readonly keyPairId?: string;
  /** The EnsKeyPair adopts an existing key pair. */
  readonly adoptExisting: boolean;
  /** When the stack claimed the name (RFC 3339). @default - not recorded (release 0.1) */
  readonly claimedAt?: string;
  /**
   * Create mode: the EnsKeyPair's `privateKeyFile` as the last apply recorded it in the main resource (a relative
   * path is relative to the cdktf project folder). @default - none recorded: the private key is discarded, or import
   * mode
   */
  readonly privateKeyFile?: string;
  /**
   * The `privateKeyFile` the create step recorded, when it differs from {@link privateKeyFile}: where its run wrote
   * the private key. The create step's `input` is frozen once created, so this happens when `privateKeyFile` was
   * changed later (an in-place update of the main resource, which moves no file). @default - the same, or none
   */
  readonly createStepPrivateKeyFile?: string;
}

/** A resource of the state that names a key pair: an EnsKeyPair's (any of its resources), or any other's. */
export interface KeyPairOwner {
  /** The name it holds. */
  readonly keyPairName: string;
  /** The resource address (with `(deposed <key>)` for a deposed object). */
  readonly address: string;
  /** An EnsKeyPair's resource, or another resource with a `key_pair_name` attribute (e.g. `alicloud_ens_instance`). */
  readonly kind: "EnsKeyPair" | "other";
  /** The resource type, e.g. `alicloud_ens_key_pair`. */
  readonly type: string;
  /** The KeyPairId it records. @default - none */
  readonly keyPairId?: string;
  /** An EnsKeyPair's create step or deposed object, which its main resource stands for in messages. */
  readonly secondary: boolean;
}

/** What one state says about key pairs. */
interface KeyPairsInState {
  /** The EnsKeyPairs (deposed objects left out), one per key pair, in state order. */
  readonly ensKeyPairs: readonly EnsKeyPairInState[];
  /** Every resource that names a key pair, deposed objects included: nothing named here may be swept. */
  readonly owners: readonly KeyPairOwner[];
}

/** A `values` object of `terraform show -json`: only the parts read here. */
interface ShowResource {
  readonly address?: unknown;
  readonly mode?: unknown;
  readonly type?: unknown;
  readonly values?: unknown;
  readonly deposed_key?: unknown;
}

interface ShowModule {
  readonly resources?: unknown;
  readonly child_modules?: unknown;
}

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringAt(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Every managed resource object of the module tree, root module first. */
function managedResources(module: unknown): ShowResource[] {
  if (!isObject(module)) return [];
  const { resources, child_modules: children } = module as ShowModule;
  const own = Array.isArray(resources)
    ? resources.filter((r): r is ShowResource => isObject(r) && r.mode === "managed")
    : [];
  const nested = Array.isArray(children) ? children.flatMap(managedResources) : [];
  return [...own, ...nested];
}

/** The EnsKeyPair `input` of a resource, or undefined when it is not an EnsKeyPair resource. */
function ensKeyPairInput(resource: ShowResource): JsonObject | undefined {
  if (resource.type !== ENS_KEY_PAIR_RESOURCE_TYPE || !isObject(resource.values)) return undefined;
  const input = resource.values.input;
  if (!isObject(input)) return undefined;
  const mode = input[InputKey.mode];
  if (!stringAt(input, InputKey.keyPairName)) return undefined;
  return (MODES as readonly unknown[]).includes(mode) ? input : undefined;
}

function addressOf(resource: ShowResource): string {
  const address = typeof resource.address === "string" ? resource.address : "(no address)";
  return typeof resource.deposed_key === "string" ? `${address} (deposed ${resource.deposed_key})` : address;
}

function keyPairOf(
  address: string,
  input: JsonObject,
  createStep?: { readonly address: string; readonly input: JsonObject },
): EnsKeyPairInState {
  const k = InputKey;
  const privateKeyFile = stringAt(input, k.privateKeyFile);
  const stepPrivateKeyFile = createStep ? stringAt(createStep.input, k.privateKeyFile) : undefined;
  return {
    address,
    keyPairName: stringAt(input, k.keyPairName) as string,
    mode: input[k.mode] as EnsKeyPairInState["mode"],
    endpoint: stringAt(input, k.endpoint),
    fingerprint: stringAt(input, k.fingerprint),
    keyPairId: stringAt(input, k.keyPairId),
    adoptExisting: input[k.adoptExisting] === "true",
    claimedAt: stringAt(input, k.claimedAt),
    createStepAddress: createStep?.address,
    privateKeyFile,
    createStepPrivateKeyFile: stepPrivateKeyFile !== privateKeyFile ? stepPrivateKeyFile : undefined,
  };
}

/**
 * The key pairs of one `terraform show -json` state document (`values` may be absent: an empty state).
 *
 * @param values the document's `values`
 */
export function keyPairsInState(values: unknown): KeyPairsInState {
  const resources = managedResources(isObject(values) ? values.root_module : undefined);
  const owners: KeyPairOwner[] = [];
  const mains: Array<{ id?: string; address: string; input: JsonObject }> = [];
  const createSteps: Array<{ mainId?: string; address: string; input: JsonObject }> = [];
  for (const resource of resources) {
    const address = addressOf(resource);
    const attributes = isObject(resource.values) ? resource.values : {};
    const input = ensKeyPairInput(resource);
    if (input) {
      owners.push({
        keyPairName: stringAt(input, InputKey.keyPairName) as string,
        address,
        kind: "EnsKeyPair",
        type: ENS_KEY_PAIR_RESOURCE_TYPE,
        keyPairId: stringAt(input, InputKey.keyPairId),
        secondary: typeof resource.deposed_key === "string" || InputKey.plannedAt in input,
      });
      // A deposed object is on its way out: it owns its name until then, but is no key pair of its own.
      if (typeof resource.deposed_key === "string") continue;
      if (InputKey.plannedAt in input) {
        const trigger = attributes.triggers_replace;
        createSteps.push({ mainId: typeof trigger === "string" ? trigger : undefined, address, input });
      } else {
        mains.push({ id: stringAt(attributes, "id"), address, input });
      }
      continue;
    }
    const named = stringAt(attributes, InputKey.keyPairName);
    if (named) {
      owners.push({
        keyPairName: named,
        address,
        kind: "other",
        type: typeof resource.type === "string" ? resource.type : "",
        secondary: false,
      });
    }
  }
  const unmatched = new Set(createSteps);
  const ensKeyPairs = mains.map((main) => {
    const step = createSteps.find((s) => unmatched.has(s) && main.id !== undefined && s.mainId === main.id);
    if (step) unmatched.delete(step);
    return keyPairOf(main.address, main.input, step);
  });
  // A create step whose main resource is not in this state still stands for its key pair.
  for (const step of unmatched) ensKeyPairs.push(keyPairOf(step.address, step.input, step));
  return { ensKeyPairs, owners };
}
