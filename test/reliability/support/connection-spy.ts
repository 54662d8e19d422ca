/**
 * Records every TCP connection a spawned handler attempts, by preloading `connection-spy-preload.mjs` into it. Stronger
 * evidence than timing that a process never contacted an address: the attempt is logged before the socket connects.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

const SPY_MODULE = path.join(__dirname, "connection-spy-preload.mjs");

/** A connection log for one process. */
export class ConnectionSpy {
  private readonly logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ens-spy-")), "connections.log");

  /** Variables that load the spy into a Node process and point it at this log. */
  public env(): Record<string, string> {
    return {
      NODE_OPTIONS: `--import ${pathToFileURL(SPY_MODULE).href}`,
      CONNECTION_SPY_LOG: this.logFile,
    };
  }

  /** The connection attempts recorded so far (`host:port`), in order. */
  public attempts(): string[] {
    if (!fs.existsSync(this.logFile)) return [];
    return fs.readFileSync(this.logFile, "utf8").split("\n").filter(Boolean);
  }

  /** Removes the log. */
  public dispose(): void {
    fs.rmSync(path.dirname(this.logFile), { recursive: true, force: true });
  }
}
