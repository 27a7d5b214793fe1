// The Electron preload: exposes the typed contract as `window.kiosk` and nothing else. The main side
// validates the sender and every argument; this side only refuses channels the contract does not name.
import { contextBridge, ipcRenderer } from 'electron';
import { adminTokenAfter, isChannel, type Channel, type KioskApi, type RequestOf, type ResponseOf } from './contract';

// The admin session token stays in the preload's world; the page never sees it.
let adminToken: string | null = null;

const api: KioskApi = {
  async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    if (!isChannel(channel)) throw new Error(`Unknown channel ${String(channel)}`);
    const response = (await ipcRenderer.invoke(channel, request, adminToken)) as ResponseOf<C>;
    adminToken = adminTokenAfter(channel, response, adminToken);
    return response;
  },
};

contextBridge.exposeInMainWorld('kiosk', api);
