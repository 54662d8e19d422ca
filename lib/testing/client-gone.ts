import { ServerResponse } from "node:http";

/** True when the answer can no longer reach the client: it hung up, or the emulator closed the connection. */
export function isClientGone(response: ServerResponse): boolean {
  return response.destroyed || response.socket?.destroyed !== false;
}
