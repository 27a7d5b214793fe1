// The Electron preload: exposes the typed contract as `window.kiosk` and nothing else. The main side
// validates the sender and every argument; this side only refuses channels the contract does not name.
import { contextBridge, ipcRenderer } from 'electron';
import { isChannel, type Channel, type KioskApi, type RequestOf, type ResponseOf } from './contract';

const api: KioskApi = {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    if (!isChannel(channel)) return Promise.reject(new Error(`Unknown channel ${String(channel)}`));
    return ipcRenderer.invoke(channel, request) as Promise<ResponseOf<C>>;
  },
};

contextBridge.exposeInMainWorld('kiosk', api);
