// Preloaded into a handler process with NODE_OPTIONS=--import: appends one line per outgoing TCP connection
// attempt ("host:port") to the file named by CONNECTION_SPY_LOG, so a test can prove that no connection was made.
import { appendFileSync } from "node:fs";
import net from "node:net";

const logFile = process.env.CONNECTION_SPY_LOG;
const connect = net.Socket.prototype.connect;

/** The options object of any Socket#connect call form: (options), ([options, cb]) from net.connect, (port, host). */
function optionsOf(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  return typeof first === "object" && first !== null ? first : { port: first, host: args[1] };
}

if (logFile) {
  net.Socket.prototype.connect = function spiedConnect(...args) {
    const { host, port, path } = optionsOf(args);
    appendFileSync(logFile, `${path ?? `${host ?? "localhost"}:${port}`}\n`);
    return connect.apply(this, args);
  };
}
