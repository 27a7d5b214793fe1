// The entrance screen: status on top, the camera, and a panel that shows either how to check in,
// the core's answer, or the keypad. It starts the session when the preview exists and stops it on leave.
import { useEffect, useRef } from 'react';
import { useKiosk, useKioskSession } from '../app/kiosk-context';
import { setSpokenLanguage } from '../app/strings';
import { AudioCue } from './kiosk/AudioCue';
import { CameraView } from './kiosk/CameraView';
import { GreetingCard } from './kiosk/GreetingCard';
import { IdlePrompt } from './kiosk/IdlePrompt';
import { PinPad } from './kiosk/PinPad';
import { StatusBar } from './kiosk/StatusBar';

export function KioskScreen() {
  const session = useKioskSession();
  const phase = useKiosk((s) => s.phase);
  const shown = useKiosk((s) => s.lastAnswer);
  // Set before the children render, so a language change re-renders the whole screen in it.
  setSpokenLanguage(useKiosk((s) => s.status?.language));
  const videoRef = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    void session.start(video);
    return () => void session.stop();
  }, [session]);

  return (
    <main className="kiosk" data-phase={phase}>
      <StatusBar />
      <CameraView videoRef={videoRef} />
      <section className="panel">
        {phase === 'result' && shown ? <GreetingCard key={shown.id} shown={shown} /> : phase === 'pin' ? <PinPad /> : <IdlePrompt />}
      </section>
      <AudioCue />
    </main>
  );
}
