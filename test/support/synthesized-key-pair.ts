/**
 * Reads a synthesized EnsKeyPair back out of `cdk.tf.json`: its main resource (input rendered as
 * `${tomap({...})}`, parsed back into its entries) and its create step.
 */
import { TerraformStack, Testing } from "cdktf";

/** One local-exec provisioner as synthesized. */
export interface LocalExec {
  readonly command: string;
  readonly when?: string;
  readonly environment: Record<string, string>;
}

/** A synthesized terraform_data resource. */
export interface SynthesizedData {
  readonly input: unknown;
  readonly triggers_replace: unknown;
  readonly lifecycle?: { readonly ignore_changes?: string[] };
  readonly provisioner: Array<{ readonly "local-exec": LocalExec }>;
}

/** An EnsKeyPair's two resources. */
export interface SynthesizedKeyPair {
  /** The main resource's logical ID. */
  readonly address: string;
  /** The main resource (identity, settings, claim; the delete step). */
  readonly resource: SynthesizedData;
  /** Its `input` entries with literal string values (the HCL map parsed back). */
  readonly input: Record<string, string>;
  /** Its `input` entries whose value is an expression, e.g. `{ claimed_at: "timestamp()" }`. */
  readonly inputExpressions: Record<string, string>;
  /** The main resource's `triggers_replace`. */
  readonly triggersReplace: Record<string, string>;
  /** The create step's logical ID. */
  readonly createAddress: string;
  /** The create step. */
  readonly createStep: SynthesizedData;
  /** The delete step provisioner. */
  readonly deleteExec: LocalExec;
  /** The create step provisioner. */
  readonly createExec: LocalExec;
}

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

/** Parses `${tomap({"k" = "v", "c" = timestamp()})}` as HclMap renders it. */
export function parseHclMap(rendered: string): {
  values: Record<string, string>;
  expressions: Record<string, string>;
} {
  const match = /^\$\{tomap\(\{(.*)\}\)\}$/s.exec(rendered);
  if (!match) throw new Error(`not an HclMap rendering: ${rendered}`);
  const body = match[1];
  const values: Record<string, string> = {};
  const expressions: Record<string, string> = {};
  let i = 0;
  const readString = (): string => {
    if (body[i] !== '"') throw new Error(`expected a string at ${i} in ${body}`);
    i++;
    let out = "";
    while (body[i] !== '"') {
      const char = body[i];
      if (char === "\\") {
        const next = body[i + 1];
        if (next === "u") {
          out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          out += ESCAPES[next];
          i += 2;
        }
      } else if ((char === "$" || char === "%") && body[i + 1] === char && body[i + 2] === "{") {
        out += `${char}{`;
        i += 3;
      } else {
        out += char;
        i++;
      }
    }
    i++;
    return out;
  };
  while (i < body.length) {
    const key = readString();
    if (body.slice(i, i + 3) !== " = ") throw new Error(`expected " = " at ${i} in ${body}`);
    i += 3;
    if (body[i] === '"') values[key] = readString();
    else {
      const end = body.indexOf(", ", i) === -1 ? body.length : body.indexOf(", ", i);
      expressions[key] = body.slice(i, end);
      i = end;
    }
    if (body.slice(i, i + 2) === ", ") i += 2;
  }
  return { values, expressions };
}

/** All terraform_data resources of a stack, by logical ID. */
export function synthesizedData(stack: TerraformStack): Record<string, SynthesizedData> {
  return JSON.parse(Testing.synth(stack)).resource.terraform_data;
}

/** The EnsKeyPair whose construct id is `id` (its main resource's logical ID starts with `<id>_`). */
export function synthesizedKeyPair(stack: TerraformStack, id = "kp"): SynthesizedKeyPair {
  const all = synthesizedData(stack);
  const address = Object.keys(all).find((name) => new RegExp(`^${id}_[0-9A-F]{8}$`).test(name));
  const createAddress = Object.keys(all).find((name) => new RegExp(`^${id}_Create_[0-9A-F]{8}$`).test(name));
  if (!address || !createAddress) throw new Error(`no key pair "${id}" in ${Object.keys(all).join(", ")}`);
  const resource = all[address];
  const createStep = all[createAddress];
  const { values, expressions } = parseHclMap(resource.input as string);
  return {
    address,
    resource,
    input: values,
    inputExpressions: expressions,
    triggersReplace: resource.triggers_replace as Record<string, string>,
    createAddress,
    createStep,
    deleteExec: resource.provisioner[0]["local-exec"],
    createExec: createStep.provisioner[0]["local-exec"],
  };
}

/**
 * The synthesized command of a handler step: the check that `node` exists (a literal message, no interpolation),
 * then `exec node assets/EnsKeyPairHandler/<hash>/handler.js <command>`.
 */
export function handlerCommandPattern(command: "create" | "delete", hash = "[0-9A-F]{32}"): RegExp {
  return new RegExp(
    `^command -v node >/dev/null 2>&1 \\|\\| \\{ echo '[^'$\`\\\\]*' >&2; exit 2; \\}; ` +
      `exec node assets/EnsKeyPairHandler/${hash}/handler\\.js ${command}$`,
  );
}
