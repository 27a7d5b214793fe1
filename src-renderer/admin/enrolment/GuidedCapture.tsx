// Face enrolment with the kiosk camera: the kiosk's own vision pipeline in enrolment mode judges each
// frame (closer, face the camera, more light, hold still) and offers the good ones; we keep a few that
// differ (a slight turn each) and show them for approval.
import { useEffect, useRef, useState } from 'react';
import type { KioskApi } from '../../../src-preload/contract';
import { startVision } from '../../vision/index';
import type { EnrolmentSample, QualityHint, VisionHandle } from '../../vision/types';
import { noHint, settleHint, type SettledHint } from '../../state/guidance';
import { defaultPickerConfig, judgeSample, nextPrompt, type PosePrompt } from './sample-picker';
import { releasePreview, type PendingSample } from './samples';
import { SampleReview } from './SampleReview';

const HINTS: Record<QualityHint, string> = {
  move_closer: 'Come a little closer',
  move_back: 'Step back a little',
  centre_face: 'Move to the middle of the picture',
  face_camera: 'Look straight at the camera',
  more_light: 'More light on the face, please',
  less_light: 'Too bright: step out of direct light',
  hold_still: 'Hold still',
  one_at_a_time: 'Only one person in front of the camera',
};

const PROMPTS: Record<PosePrompt, string> = {
  look_straight: 'Look straight at the camera',
  turn_left: 'Good. Now turn your head slightly to one side',
  turn_right: 'Good. Now slightly to the other side',
  done: 'Done',
};

type Phase = 'starting' | 'capturing' | 'review' | 'failed';

export function GuidedCapture({ api, studentId, studentName, onSaved }: { api: KioskApi; studentId: number; studentName: string; onSaved(message: string): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [phase, setPhase] = useState<Phase>('starting');
  const [hint, setHint] = useState<SettledHint>(noHint);
  const [faceSeen, setFaceSeen] = useState<boolean | null>(null);
  const [kept, setKept] = useState<PendingSample[]>([]);
  const [modelId, setModelId] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  const root = useRef<HTMLDivElement>(null);
  // The camera and, later, the pictures to approve are what matter now: bring them into view.
  const reviewing = phase === 'review';
  useEffect(() => {
    // Braces matter: newer Chromium's scrollIntoView returns a promise, which React would call as a cleanup.
    void root.current?.scrollIntoView({ block: 'start' });
  }, [reviewing]);

  useEffect(() => {
    const el = video.current!;
    let handle: VisionHandle | null = null;
    let cancelled = false;
    let samples: PendingSample[] = [];
    let lastKeptAt = -Infinity;
    let n = 0;
    setKept([]);
    setPhase('starting');
    const finish = () => {
      setPhase('review');
      void handle?.stop();
    };
    const onSample = (s: EnrolmentSample) => {
      if (cancelled || samples.length >= defaultPickerConfig.target) return s.crop.close();
      const now = performance.now();
      if (judgeSample<{ embedding: number[]; yawDeg: number }>(samples, lastKeptAt, s, now) !== 'kept') return s.crop.close();
      lastKeptAt = now;
      samples = [...samples, { key: `cam-${attempt}-${n++}`, embedding: s.embedding, quality: s.quality, yawDeg: s.yawDeg, preview: { kind: 'bitmap', bitmap: s.crop } }];
      setKept(samples);
      if (samples.length >= defaultPickerConfig.target) finish();
    };
    void (async () => {
      try {
        const settings = await api.invoke('kiosk:vision-settings', {});
        if (cancelled) return;
        setModelId(settings.modelId);
        handle = await startVision({
          video: el,
          settings,
          assetsBase: new URL('./', window.location.href).href,
          onFrame: (r) => {
            setFaceSeen(r.face !== null);
            setHint((h) => settleHint(h, r.face?.hint ?? null, performance.now()));
          },
          onFace: async () => 'done',
          onCard: () => undefined,
          onHeartbeat: () => undefined,
          onSample,
        });
        if (cancelled) void handle.stop();
        else setPhase((p) => (p === 'starting' ? 'capturing' : p));
      } catch (e) {
        if (!cancelled) {
          setFailure(`The camera could not be started: ${String(e)}`);
          setPhase('failed');
        }
      }
    })();
    return () => {
      cancelled = true;
      void handle?.stop();
    };
  }, [api, attempt]);

  const shown = useRef<PendingSample[]>([]);
  shown.current = kept;
  useEffect(() => () => shown.current.forEach(releasePreview), []);

  const retake = () => {
    kept.forEach(releasePreview);
    setAttempt((a) => a + 1);
  };
  const message = faceSeen === null ? 'Getting face detection ready…' : !faceSeen ? 'Stand in front of the camera, about an arm’s length away' : hint.shown ? HINTS[hint.shown] : PROMPTS[nextPrompt(kept.length)];

  return (
    <div data-testid="guided-capture" ref={root}>
      <div className={`capture-stage${phase === 'review' ? ' hidden' : ''}`}>
        <video ref={video} className="capture-video" muted playsInline />
        <div className="capture-guide" data-testid="capture-guidance" aria-live="polite">
          {phase === 'starting' ? 'Starting the camera…' : message}
        </div>
        <div className="capture-progress" data-testid="capture-progress">{kept.length} of {defaultPickerConfig.target} pictures</div>
      </div>
      {failure && <p className="banner error">{failure}</p>}
      {phase === 'review' && (
        <SampleReview
          api={api}
          studentId={studentId}
          studentName={studentName}
          modelId={modelId}
          source="kiosk"
          samples={kept}
          onRemove={(key) => setKept((k) => k.filter((s) => s.key !== key || (releasePreview(s), false)))}
          onRetake={retake}
          onSaved={onSaved}
        />
      )}
    </div>
  );
}
