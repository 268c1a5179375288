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

/** Reads the child's log until its "listening" line, for at most 10 s. */
async function listeningUrl(child: Subprocess<"ignore", "pipe", "pipe">): Promise<string> {
  const reader = child.stdout.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value);
    const line = buffered.split("\n").find((candidate) => candidate.includes('"message":"listening"'));
    if (line) {
      reader.releaseLock();
      // Keep draining so that a chatty server never blocks on a full pipe.
      void child.stdout.pipeTo(new WritableStream());
      return (JSON.parse(line) as { url: string }).url;
    }
  }
  child.kill(9);
  throw new Error(`server did not start: ${buffered}\n${await new Response(child.stderr).text()}`);
}

export const authorized = { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" };
