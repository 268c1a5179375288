/** The real server as a child process (`bun src/main.ts`) on an ephemeral loopback port. */
import type { Subprocess } from "bun";
import { API_KEY } from "./app";

export interface ServerProcess {
  url: string;
  process: Subprocess<"ignore", "pipe", "pipe">;
}

const ROOT = new URL("../..", import.meta.url).pathname;

/** `cwd` is the server's working directory (the repository's by default), where it looks for tablekeeper.yaml. */
export async function startServer(databasePath: string, env: Record<string, string> = {}, cwd = ROOT): Promise<ServerProcess> {
  const child = Bun.spawn([process.execPath, `${ROOT}src/main.ts`], {
    cwd,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: databasePath,
      API_KEYS: `frontdesk:${API_KEY}`,
      LOG_LEVEL: "info",
      NODE_ENV: "test",
      ...env,
    },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const url = await listeningUrl(child);
  return { url, process: child };
}

/**
 * Reads a child's log until a line whose message is `message`, for at most 10 s, and answers
 * that line; then keeps draining, so that a chatty child never blocks on a full pipe. A child
 * that never says it is killed, and its output is the error.
 */
export async function logLine(child: Subprocess<"ignore", "pipe", "pipe">, message: string): Promise<Record<string, unknown>> {
  const reader = child.stdout.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value);
    const line = buffered.split("\n").find((candidate) => candidate.includes(`"message":"${message}"`));
    if (line) {
      reader.releaseLock();
      void child.stdout.pipeTo(new WritableStream());
      return JSON.parse(line) as Record<string, unknown>;
    }
  }
  child.kill(9);
  throw new Error(`no "${message}" in the log: ${buffered}\n${await new Response(child.stderr).text()}`);
}

const listeningUrl = async (child: Subprocess<"ignore", "pipe", "pipe">) => (await logLine(child, "listening")).url as string;

export const authorized = { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" };
