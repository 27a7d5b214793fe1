// The KioskApi for the serve host: the same contract, carried over HTTP to 127.0.0.1.
import { channels, type Channel, type KioskApi, type RequestOf, type ResponseOf } from './contract';

export function createWebKioskApi(base: string, fetchImpl: typeof fetch = fetch): KioskApi {
  return {
    async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      const res = await fetchImpl(new URL(`api/invoke/${channel}`, base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      const body: unknown = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
      if (!res.ok) {
        const message = (body as { error?: string }).error ?? `HTTP ${res.status}`;
        throw new Error(`${channel}: ${message}`);
      }
      return channels[channel].response.parse(body) as ResponseOf<C>;
    },
  };
}
