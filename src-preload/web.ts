// The KioskApi for the serve host: the same contract, carried over HTTP to 127.0.0.1.
import { ADMIN_SESSION_HEADER, adminTokenAfter, channels, type Channel, type KioskApi, type RequestOf, type ResponseOf } from './contract';

export function createWebKioskApi(base: string, fetchImpl: typeof fetch = fetch): KioskApi {
  // Held here, not in the page's storage: a reload signs the admin out.
  let adminToken: string | null = null;
  return {
    async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (adminToken) headers[ADMIN_SESSION_HEADER] = adminToken;
      const res = await fetchImpl(new URL(`api/invoke/${channel}`, base), {
        method: 'POST',
        headers,
        body: JSON.stringify(request),
      });
      const body: unknown = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
      if (res.status === 401) adminToken = null;
      if (res.ok) adminToken = adminTokenAfter(channel, body, adminToken);
      if (!res.ok) {
        const message = (body as { error?: string }).error ?? `HTTP ${res.status}`;
        throw new Error(`${channel}: ${message}`);
      }
      return channels[channel].response.parse(body) as ResponseOf<C>;
    },
  };
}
