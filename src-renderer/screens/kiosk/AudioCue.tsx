// Plays one tone for every new answer from the core.
import { useEffect, useState } from 'react';
import { useKiosk } from '../../app/kiosk-context';
import { createTonePlayer, cueFor } from './tones';

export function AudioCue() {
  const [player] = useState(createTonePlayer);
  const last = useKiosk((s) => s.lastAnswer);

  useEffect(() => {
    const unlock = () => player.unlock();
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
      player.close();
    };
  }, [player]);

  useEffect(() => {
    if (last) player.play(cueFor(last.answer.outcome));
  }, [last, player]);

  return null;
}
