/**
 * A real HTTP server on 127.0.0.1 (Bun.serve, port 0) standing in for a provider: it records
 * every request and answers as the test scripts it, one answer per request in order, then
 * 200 `{}`. An answer can be a status with headers and body, or `hang` (no answer until the
 * server stops), for timeouts and for a process killed while a send is in flight.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  hang?: boolean;
  /** Echo a request header into the body, as some APIs do in their error messages. */
  echoHeader?: string;
}

export function recordingServer() {
  const requests: RecordedRequest[] = [];
  const script: ScriptedAnswer[] = [];
  const waiting: Array<() => void> = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    async fetch(request) {
      const url = new URL(request.url);
      requests.push({ method: request.method, path: url.pathname + url.search, headers: request.headers.toJSON(), body: await request.text() });
      for (const wake of waiting.splice(0)) wake();
      const answer = script.shift() ?? {};
      if (answer.hang) return new Promise<Response>(() => {});
      const body = answer.echoHeader ? `rejected: ${request.headers.get(answer.echoHeader)}` : (answer.body ?? "{}");
      return new Response(body, { status: answer.status ?? 200, headers: { "content-type": "application/json", ...answer.headers } });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    requests,
    /** The next answers, in order. */
    answer(...answers: ScriptedAnswer[]) {
      script.push(...answers);
    },
    /** Resolves once `count` requests have arrived. */
    async received(count: number) {
      while (requests.length < count) await new Promise<void>((resolve) => waiting.push(resolve));
    },
    stop: () => server.stop(true),
  };
}

export type RecordingServer = ReturnType<typeof recordingServer>;
