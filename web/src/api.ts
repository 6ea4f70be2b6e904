/** The public JSON API, on the same origin as the app. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function apiUrl(path: string, params?: URLSearchParams): string {
  const q = params?.toString();
  return q ? `${path}?${q}` : path;
}

export async function getJson<T>(path: string, params?: URLSearchParams, signal?: AbortSignal): Promise<T> {
  const res = await fetch(apiUrl(path, params), { headers: { Accept: "application/json" }, signal });
  return readJson<T>(res);
}

export async function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body), signal });
  return readJson<T>(res);
}

async function readJson<T>(res: Response): Promise<T> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as { error?: { message?: string } } | null)?.error;
    throw new ApiFailure(res.status, error?.message ?? `the API answered ${res.status}`);
  }
  return body as T;
}

export const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === "AbortError";
