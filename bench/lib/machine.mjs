// What the numbers were measured on: results are only comparable within one run on one machine.
import { execFileSync } from "node:child_process";
import * as os from "node:os";

/** The installed terraform's version, or undefined when there is no terraform on PATH. */
export function terraformVersion(env) {
  try {
    const output = execFileSync("terraform", ["version", "-json"], { env, encoding: "utf8" });
    return JSON.parse(output).terraform_version;
  } catch {
    return undefined;
  }
}

/** Operating system, CPUs, memory and load, Node.js and terraform versions. */
export function describeMachine(env) {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    cpus: { count: cpus.length, model: cpus[0]?.model ?? "unknown" },
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
    node: process.version,
    terraform: terraformVersion(env) ?? null,
  };
}
