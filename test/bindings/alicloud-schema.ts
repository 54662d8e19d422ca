import * as fs from "node:fs";
import * as path from "node:path";

/** A Terraform value type as `terraform providers schema -json` writes it. */
export type SchemaType = string | [string, SchemaType] | ["object", Record<string, SchemaType>];

/** One attribute of a schema block. */
export interface SchemaAttribute {
  readonly type: SchemaType;
  readonly description?: string;
  readonly description_kind: string;
  readonly deprecated?: boolean;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
}

/** A nested block type of a schema block. */
export interface SchemaBlockType {
  readonly nesting_mode: "single" | "list" | "set";
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

/** A schema block: attributes plus nested blocks. */
export interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, SchemaBlockType>;
  readonly description_kind: string;
}

/** The schema of a provider, resource or data source. */
export interface EntitySchema {
  readonly version: number;
  readonly block: SchemaBlock;
}

/** The committed `providers/alicloud.schema.json`. */
export interface AlicloudSchemaFile {
  readonly format_version: string;
  readonly provider_schemas: Record<
    string,
    {
      readonly provider: EntitySchema;
      readonly resource_schemas: Record<string, EntitySchema>;
      readonly data_source_schemas: Record<string, EntitySchema>;
    }
  >;
  readonly provider_versions: Record<string, string>;
}

/** The provider's fully qualified name, as Terraform writes it in the schema. */
export const ALICLOUD_FQPN = "registry.terraform.io/aliyun/alicloud";

/** Repository root, for paths to committed files. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Reads the committed schema file. */
export function readAlicloudSchema(): AlicloudSchemaFile {
  const file = path.join(REPO_ROOT, "providers", "alicloud.schema.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as AlicloudSchemaFile;
}

/** A configuration that sets every argument of a block, in both spellings. */
export interface FullConfig {
  /** As passed to the generated binding (camelCase keys). */
  readonly camel: Record<string, unknown>;
  /** As Terraform expects it in `cdk.tf.json` (the schema's snake_case keys). */
  readonly snake: Record<string, unknown>;
}

/** How the cdktf generator names an argument: snake_case to camelCase. */
export function camelCaseOf(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_match, next: string) => next.toUpperCase());
}

/** A value of the given type that names its argument, so a misplaced value shows where it went. */
function sampleValue(name: string, type: SchemaType): unknown {
  if (type === "string") return `${name}-value`;
  if (type === "number") return 7;
  if (type === "bool") return true;
  if (Array.isArray(type) && type[0] === "map") return { [`${name}-key`]: `${name}-value` };
  if (Array.isArray(type) && (type[0] === "list" || type[0] === "set")) return [`${name}-item`];
  throw new Error(
    `No sample value for argument "${name}" of type ${JSON.stringify(type)}: extend sampleValue.`,
  );
}

/** Computed-only attributes are outputs: configuration cannot set them. */
function isSettable(attribute: SchemaAttribute): boolean {
  return attribute.required === true || attribute.optional === true;
}

/**
 * Builds a configuration that sets every argument the block accepts (attributes and nested blocks), keyed the way the
 * generated bindings take it and the way Terraform reads it.
 */
export function fullConfigOf(block: SchemaBlock): FullConfig {
  const camel: Record<string, unknown> = {};
  const snake: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    if (!isSettable(attribute)) continue;
    const value = sampleValue(name, attribute.type);
    camel[camelCaseOf(name)] = value;
    snake[name] = value;
  }
  for (const [name, blockType] of Object.entries(block.block_types ?? {})) {
    const nested = fullConfigOf(blockType.block);
    // cdktf takes (and renders) a block that can occur at most once as a single object, others as an array.
    const single = blockType.nesting_mode === "single" || blockType.max_items === 1;
    camel[camelCaseOf(name)] = single ? nested.camel : [nested.camel];
    snake[name] = single ? nested.snake : [nested.snake];
  }
  return { camel, snake };
}
