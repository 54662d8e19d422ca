import {
  ALICLOUD_FQPN,
  SchemaAttribute,
  SchemaBlock,
  SchemaType,
  readAlicloudSchema,
} from "./alicloud-schema";

const schema = readAlicloudSchema();
const alicloud = schema.provider_schemas[ALICLOUD_FQPN];

function isValidType(type: SchemaType): boolean {
  if (typeof type === "string") return ["string", "number", "bool", "dynamic"].includes(type);
  const [kind, element] = type;
  if (kind === "object") return Object.values(element as Record<string, SchemaType>).every(isValidType);
  return ["list", "set", "map"].includes(kind) && isValidType(element as SchemaType);
}

/** Terraform's flag combinations: required alone, or any of optional/computed. */
function flagProblem(attribute: SchemaAttribute): string | undefined {
  const { required, optional, computed } = attribute;
  if (required && (optional || computed)) return "required together with optional/computed";
  if (!required && !optional && !computed) return "neither required, optional nor computed";
  return undefined;
}

/** Every problem in a block, as "<path>: <problem>" lines. */
function problemsIn(block: SchemaBlock, where: string): string[] {
  const problems: string[] = [];
  if (block.description_kind !== "plain") problems.push(`${where}: description_kind is not "plain"`);
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    if (!isValidType(attribute.type))
      problems.push(`${where}.${name}: invalid type ${JSON.stringify(attribute.type)}`);
    const flags = flagProblem(attribute);
    if (flags) problems.push(`${where}.${name}: ${flags}`);
  }
  for (const [name, blockType] of Object.entries(block.block_types ?? {})) {
    if (!["single", "list", "set"].includes(blockType.nesting_mode))
      problems.push(`${where}.${name}: nesting_mode ${blockType.nesting_mode}`);
    problems.push(...problemsIn(blockType.block, `${where}.${name}`));
  }
  return problems;
}

describe("providers/alicloud.schema.json", () => {
  test("has the shape of `terraform providers schema -json` for exactly one provider", () => {
    expect(schema.format_version).toBe("1.0");
    expect(Object.keys(schema.provider_schemas)).toEqual([ALICLOUD_FQPN]);
    expect(Object.keys(schema.provider_versions)).toEqual([ALICLOUD_FQPN]);
  });

  test("holds the provider, alicloud_ens_instance, alicloud_ens_key_pair and alicloud_ens_key_pairs", () => {
    expect(Object.keys(alicloud.resource_schemas).sort()).toEqual([
      "alicloud_ens_instance",
      "alicloud_ens_key_pair",
    ]);
    expect(Object.keys(alicloud.data_source_schemas)).toEqual(["alicloud_ens_key_pairs"]);
    expect(alicloud.provider.block.block_types?.endpoints.block.attributes?.ens).toEqual({
      type: "string",
      description:
        "Use this to override the default endpoint URL constructed from the `region`. " +
        "It's typically used to connect to custom ens endpoints.",
      description_kind: "plain",
      optional: true,
    });
  });

  test("every attribute has a valid type and flag combination, every block a valid nesting mode", () => {
    const entities: Array<[string, SchemaBlock]> = [
      ["provider", alicloud.provider.block],
      ...Object.entries(alicloud.resource_schemas).map(([type, s]): [string, SchemaBlock] => [type, s.block]),
      ...Object.entries(alicloud.data_source_schemas).map(([type, s]): [string, SchemaBlock] => [
        `data.${type}`,
        s.block,
      ]),
    ];
    expect(entities.flatMap(([where, block]) => problemsIn(block, where))).toEqual([]);
  });

  test("resources and data sources carry the SDK's implicit id; the provider does not", () => {
    const implicitId = { type: "string", description_kind: "plain", optional: true, computed: true };
    expect(alicloud.resource_schemas.alicloud_ens_instance.block.attributes?.id).toEqual(implicitId);
    expect(alicloud.resource_schemas.alicloud_ens_key_pair.block.attributes?.id).toEqual(implicitId);
    expect(alicloud.data_source_schemas.alicloud_ens_key_pairs.block.attributes?.id).toEqual(implicitId);
    expect(alicloud.provider.block.attributes?.id).toBeUndefined();
  });

  test("alicloud_ens_instance declares timeouts the way the SDK renders them: a single block of optional strings", () => {
    expect(alicloud.resource_schemas.alicloud_ens_instance.block.block_types?.timeouts).toEqual({
      nesting_mode: "single",
      block: {
        attributes: {
          create: { type: "string", description_kind: "plain", optional: true },
          delete: { type: "string", description_kind: "plain", optional: true },
          update: { type: "string", description_kind: "plain", optional: true },
        },
        description_kind: "plain",
      },
    });
    // The Go resource sets no Timeouts, so the SDK adds no timeouts block.
    expect(alicloud.resource_schemas.alicloud_ens_key_pair.block.block_types).toBeUndefined();
  });
});
