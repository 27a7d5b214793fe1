// The samples shown for approval, then saved. Before saving the core says whether this face already
// looks like another enrolled student; the office sees the name and decides.
import { useEffect, useRef, useState } from 'react';
import type { EnrolCheck, KioskApi } from '../../../src-preload/contract';
import type { PendingSample } from './samples';

function BitmapView({ bitmap }: { bitmap: ImageBitmap }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    c.width = bitmap.width;
    c.height = bitmap.height;
    c.getContext('2d')?.drawImage(bitmap, 0, 0);
  }, [bitmap]);
  return <canvas ref={ref} className="sample-img" />;
}

export function SampleReview(props: {
  api: KioskApi;
  studentId: number;
  studentName: string;
  modelId: string;
  source: 'kiosk' | 'photo';
  samples: PendingSample[];
  onRemove(key: string): void;
  onRetake(): void;
  onSaved(message: string): void;
}) {
  const [check, setCheck] = useState<EnrolCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const payload = () => props.samples.map((s) => ({ embedding: s.embedding, quality: s.quality }));

  const save = async (confirmed: boolean) => {
    setBusy(true);
    setFailure(null);
    try {
      if (!confirmed) {
        const c = await props.api.invoke('enrolment:check', { studentId: props.studentId, modelId: props.modelId, samples: payload() });
        if (c.sameAs.length || c.lookAlikes.length) {
          setCheck(c);
          return;
        }
      }
      const r = await props.api.invoke('enrolment:save', { studentId: props.studentId, modelId: props.modelId, samples: payload(), source: props.source });
      if (!r.ok) setFailure(r.message);
      else props.onSaved(`Face saved (${r.templates} samples on file).${r.flaggedLookAlike ? ' Marked as a look-alike: the kiosk will also ask for the card or PIN.' : ''}`);
    } catch (e) {
      setFailure(String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card-box" data-testid="sample-review">
      <h3>Are these clear pictures of this student?</h3>
      <div className="sample-strip">
        {props.samples.map((s) => (
          <figure key={s.key} className="sample" data-testid="sample">
            {s.preview.kind === 'bitmap' ? <BitmapView bitmap={s.preview.bitmap} /> : <img className="sample-img" src={s.preview.url} alt="" />}
            <figcaption>
              {s.preview.kind === 'url' && <span className="sample-label">{s.preview.label}</span>}
              <button type="button" className="btn danger" onClick={() => { setCheck(null); props.onRemove(s.key); }}>Remove</button>
            </figcaption>
          </figure>
        ))}
      </div>
      {check && (
        <div className="banner warn" data-testid="enrol-warning" role="alert">
          {check.sameAs.length > 0 && <p><strong>This face is already enrolled as {check.sameAs.map((s) => `${s.name} (${s.studentNumber})`).join(', ')}.</strong> You are enrolling {props.studentName}: check these pictures are of {props.studentName}.</p>}
          {check.lookAlikes.length > 0 && <p>This face looks like {check.lookAlikes.map((s) => `${s.name} (${s.studentNumber})`).join(', ')}. If you save, both will also confirm with their card or PIN at the kiosk.</p>}
          <div className="btn-row">
            <button type="button" className="btn primary" disabled={busy} onClick={() => void save(true)}>Save anyway</button>
            <button type="button" className="btn" onClick={() => setCheck(null)}>Cancel</button>
          </div>
        </div>
      )}
      {failure && <p className="banner error" role="alert">Not saved: {failure}</p>}
      {!check && (
        <div className="btn-row">
          <button type="button" className="btn primary" disabled={busy || props.samples.length === 0} onClick={() => void save(false)} data-testid="enrol-save">
            {busy ? 'Saving…' : `Save face (${props.samples.length} ${props.samples.length === 1 ? 'picture' : 'pictures'})`}
          </button>
          <button type="button" className="btn" onClick={props.onRetake}>Start again</button>
        </div>
      )}
    </section>
  );
}
