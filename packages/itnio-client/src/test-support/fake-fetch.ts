export interface SeenRequest {
  url: string;
  headers: Record<string, string>;
  body: { current: number; size: number; params: { strTime: string; endTime: string } };
  at: number;
}

export type Reply =
  | { json: unknown; status?: number; headers?: Record<string, string> }
  | { text: string; status?: number; headers?: Record<string, string> }
  | { throws: unknown }
  | { hang: true };

/** A fetch that answers from a script (or a function of the request) and records what it was sent. */
export function fakeFetch(
  script: Reply[] | ((request: SeenRequest, index: number) => Reply | Promise<Reply>),
) {
  const seen: SeenRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request: SeenRequest = {
      url: String(input),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: JSON.parse(String(init?.body)),
      at: performance.now(),
    };
    const index = seen.push(request) - 1;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const reply =
        typeof script === 'function'
          ? await script(request, index)
          : script[Math.min(index, script.length - 1)];
      if (!reply) throw new Error('fake fetch: script exhausted');
      if ('throws' in reply) throw reply.throws;
      if ('hang' in reply) {
        return await new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
        });
      }
      const body = 'json' in reply ? JSON.stringify(reply.json) : reply.text;
      return new Response(body, { status: reply.status ?? 200, headers: reply.headers });
    } finally {
      inFlight--;
    }
  };
  return {
    fetch: fetchImpl as typeof fetch,
    seen,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

export const vendorStatus = (status: string, reason = 'failed'): Reply => ({
  json: { status, reason, data: null },
});

export interface LogEntry {
  level: string;
  obj: object;
  msg?: string;
}

export function recordingLogger() {
  const entries: LogEntry[] = [];
  const at = (level: string) => (obj: object, msg?: string) => {
    entries.push({ level, obj, msg });
  };
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, entries };
}
