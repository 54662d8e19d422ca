/**
 * Shared, locked Terraform state on a real PostgreSQL server, through Terraform's built-in `pg` backend (no provider
 * download). `.ci/postgres.sh` installs and starts the server and prints the connection string the tests read from
 * `ENS_TEST_PG_CONN_STR`.
 *
 * Each test gets its own **database** (and schema), not only its own schema: the pg backend's locks are PostgreSQL
 * advisory locks, which are per database, and the first apply of a new workspace holds a database-wide "creation"
 * lock (`pg_try_advisory_lock(-1)`) for the whole run. Two tests sharing a database would then fail each other's
 * locking ("Cannot lock workspace; already locked for workspace creation") depending on timing.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { PgBackend, TerraformStack } from "cdktf";
import { TerraformWorkspace } from "./terraform";

/** The variable that holds the connection string (a database the role may create databases next to). */
export const PG_CONN_STR_VARIABLE = "ENS_TEST_PG_CONN_STR";
/** What `.ci/postgres.sh` sets up and prints: used when {@link PG_CONN_STR_VARIABLE} is not set. */
export const DEFAULT_PG_CONN_STR = "postgres://ens_test:ens_test@127.0.0.1:5432/ens_test?sslmode=disable";
/** Set to `1` to skip the shared-state tests knowingly. */
export const SKIP_PG_VARIABLE = "ENS_SKIP_PG_TESTS";

const FIX =
  "Run `sudo .ci/postgres.sh` once (it installs and starts PostgreSQL with the default connection string), or " +
  `point ${PG_CONN_STR_VARIABLE} at a server whose role may create databases, or set ${SKIP_PG_VARIABLE}=1 to skip ` +
  "these tests knowingly.";

/** The schema every test database keeps its state in (`schema_name` of the pg backend). */
const SCHEMA = "terraform_remote_state";

/** Runs one SQL statement with psql and returns its unaligned, tuples-only output. */
function psql(connStr: string, sql: string): string {
  return execFileSync("psql", [connStr, "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-Atc", sql], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", PGCONNECT_TIMEOUT: "5" },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 15_000,
  }).trim();
}

function withDatabase(connStr: string, database: string): string {
  const url = new URL(connStr);
  url.pathname = `/${database}`;
  return url.toString();
}

let checked: string | undefined;

/**
 * Whether the shared-state tests can run: true when `ENS_TEST_PG_CONN_STR` reaches a server (checked once per test
 * file with `SELECT 1`). Fails loudly, with the fix, when the variable is missing or the server does not answer,
 * because these tests are the proof that shared state and locking work; `ENS_SKIP_PG_TESTS=1` is the explicit,
 * visible way to skip them.
 */
export function pgBackendAvailable(): boolean {
  if (checked) return true;
  const skip = (reason: string) => {
    console.warn(`${reason}: shared-state (pg backend) tests SKIPPED because ${SKIP_PG_VARIABLE}=1`);
    return false;
  };
  const connStr = process.env[PG_CONN_STR_VARIABLE] || DEFAULT_PG_CONN_STR;
  try {
    psql(connStr, "SELECT 1");
  } catch (error) {
    if (process.env[SKIP_PG_VARIABLE] === "1") return skip("PostgreSQL is unreachable");
    // psql's own message (it never repeats the password); not `instanceof Error`, which fails across jest's realms.
    const failure = error as { code?: unknown; stderr?: unknown };
    const detail =
      failure.code === "ENOENT"
        ? "psql, the PostgreSQL client, is not on PATH"
        : String(failure.stderr ?? "").trim() || "no answer";
    throw new Error(
      `PostgreSQL at ${PG_CONN_STR_VARIABLE} (default: what .ci/postgres.sh sets up) does not answer ` +
        `(psql "<${PG_CONN_STR_VARIABLE}>" -c "SELECT 1": ${detail}). ${FIX}`,
    );
  }
  checked = connStr;
  return true;
}

/**
 * A fresh database on the test server holding one Terraform state (schema {@link SCHEMA}), dropped by
 * {@link dispose}. Every workspace made by {@link workspace} is one checkout of the same project: they share this
 * state and its lock.
 */
export class PgStateDatabase {
  /** Creates the database (the role needs CREATEDB; `.ci/postgres.sh` grants it). */
  static create(): PgStateDatabase {
    if (!pgBackendAvailable())
      throw new Error("pg backend tests are skipped; guard them with pgBackendAvailable()");
    const name = `ens_state_${randomBytes(6).toString("hex")}`;
    psql(checked as string, `CREATE DATABASE ${name}`);
    return new PgStateDatabase(name, withDatabase(checked as string, name));
  }

  /** The schema the state lives in. */
  readonly schemaName = SCHEMA;

  private constructor(
    /** The database name. */
    readonly name: string,
    /** Its connection string. */
    readonly connStr: string,
  ) {}

  /**
   * Declares the pg backend on a stack. The connection string reaches terraform through `PG_CONN_STR` (see
   * {@link env}), so the synthesized `cdk.tf.json` holds no password.
   */
  declareBackend(stack: TerraformStack): void {
    const backend = new PgBackend(stack, { connStr: "", schemaName: this.schemaName });
    backend.addOverride("conn_str", undefined);
  }

  /** The environment terraform needs to reach the state. */
  env(): Record<string, string> {
    return { PG_CONN_STR: this.connStr };
  }

  /**
   * One checkout of the project: a {@link TerraformWorkspace} in its own folder whose stack keeps its state here.
   *
   * @param env more environment for terraform (e.g. the emulator's)
   */
  workspace(stackName: string, env: Record<string, string>): TerraformWorkspace {
    return new TerraformWorkspace(
      stackName,
      { ...env, ...this.env() },
      { backend: (stack) => this.declareBackend(stack) },
    );
  }

  /** Runs SQL in this database; returns psql's unaligned output (rows on lines, columns split by `|`). */
  query(sql: string): string {
    return psql(this.connStr, sql);
  }

  /** The workspace names with a saved state (rows of the backend's `states` table). */
  savedWorkspaces(): string[] {
    const exists = this.query(`SELECT to_regclass('${this.schemaName}.states') IS NOT NULL`);
    if (exists !== "t") return [];
    return this.query(`SELECT name FROM ${this.schemaName}.states ORDER BY name`).split("\n").filter(Boolean);
  }

  /** Drops the database, ending any session still connected to it. */
  dispose(): void {
    psql(checked as string, `DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
  }
}
