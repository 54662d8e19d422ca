import { IResolvable, IResolveContext, Token } from "cdktf";

/**
 * An HCL string literal for `text`, escaped for use inside a Terraform expression: quotes, backslashes and control
 * characters, and the template sequences `${` and `%{` (so a literal is never read as an interpolation).
 */
export function hclStringLiteral(text: string): string {
  // A function replacement: in a replacement string, "$$" would itself mean a single "$".
  return `"${escapeQuoted(text).replace(/([$%])\{/g, (_, sign: string) => `${sign}${sign}{`)}"`;
}

/** Escapes what a quoted HCL string cannot hold as is; template sequences are left alone. */
function escapeQuoted(text: string): string {
  return text.replace(/[\\"\p{Cc}]/gu, (char) => {
    switch (char) {
      case "\\":
        return "\\\\";
      case '"':
        return '\\"';
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      default:
        return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
    }
  });
}

/**
 * A quoted HCL template for a string that holds cdktf tokens: each token becomes the `${…}` interpolation cdktf
 * resolves it to, and the literal parts are escaped (a literal `${` next to a token stays an interpolation, as it
 * does in any cdktf string attribute).
 */
function hclTemplate(text: string, context: IResolveContext): string {
  const resolved: unknown = context.resolve(text);
  if (typeof resolved !== "string") {
    throw new Error(`a map value must resolve to a string, and ${JSON.stringify(resolved)} does not`);
  }
  return `"${escapeQuoted(resolved).replace(/%\{/g, "%%{")}"`;
}

/**
 * A Terraform `map(string)` written as `${tomap({...})}`, for a `terraform_data` `input` whose entries must be
 * individually ignorable: `ignore_changes = [input["k"]]` keeps a map entry that is absent from the saved state
 * absent, where an object attribute would take the configured value (and an index path into an object freezes the
 * whole value, as Terraform's ignore_changes does for object attributes). cdktf's own `Fn.tomap` does not escape quotes or `%{` in literals, hence this class.
 */
export class HclMap implements IResolvable {
  /** Required by IResolvable; unused. */
  public readonly creationStack: string[] = [];

  /**
   * @param values string entries, literals or values holding cdktf tokens
   * @param expressions entries whose value is a raw HCL expression, e.g. `timestamp()`
   */
  constructor(
    private readonly values: Readonly<Record<string, string>>,
    private readonly expressions: Readonly<Record<string, string>> = {},
  ) {}

  public resolve(context: IResolveContext): string {
    const entries = Object.entries(this.values).map(
      ([key, value]) =>
        `${hclStringLiteral(key)} = ${Token.isUnresolved(value) ? hclTemplate(value, context) : hclStringLiteral(value)}`,
    );
    for (const [key, expression] of Object.entries(this.expressions)) {
      entries.push(`${hclStringLiteral(key)} = ${expression}`);
    }
    return `\${tomap({${entries.join(", ")}})}`;
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/**
 * A raw HCL expression, rendered as `${<expression>}` when the stack is synthesized: for references within the
 * resource's own stack (`merge(terraform_data.x.input, …)`, `terraform_data.x.id`), which Terraform follows as
 * dependencies. Computed at synth, so a logical ID overridden after construction is used; and it costs no cdktf token
 * (each records a stack trace, which thousands of key pairs would pay for).
 */
export class HclExpression implements IResolvable {
  /** Required by IResolvable; unused. */
  public readonly creationStack: string[] = [];

  /** @param expression gives the expression (without `${}`) at synth time */
  constructor(private readonly expression: () => string) {}

  public resolve(): string {
    return `\${${this.expression()}}`;
  }

  public toString(): string {
    return Token.asString(this);
  }
}
