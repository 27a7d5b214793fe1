// Keeps the display on: a kiosk that dims is a kiosk nobody checks in at.
import { powerSaveBlocker } from 'electron';

export function keepDisplayAwake(): { isActive(): boolean; stop(): void } {
  const id = powerSaveBlocker.start('prevent-display-sleep');
  return {
    isActive: () => powerSaveBlocker.isStarted(id),
    stop: () => {
      if (powerSaveBlocker.isStarted(id)) powerSaveBlocker.stop(id);
    },
  };
}
