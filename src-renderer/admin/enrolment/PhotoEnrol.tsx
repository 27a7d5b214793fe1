// Enrolment from photo files, through the same detector, crop and model as the kiosk (the photo
// enrolment worker). The photos stay in this page: only the resulting vectors go to the core.
import { useEffect, useRef, useState } from 'react';
import type { KioskApi } from '../../../src-preload/contract';
import { createPhotoClient, type PhotoClient } from '../../vision/photo-client';
import { releasePreview, type PendingSample } from './samples';
import { SampleReview } from './SampleReview';

export function PhotoEnrol({ api, studentId, studentName, onSaved }: { api: KioskApi; studentId: number; studentName: string; onSaved(message: string): void }) {
  const client = useRef<PhotoClient | null>(null);
  const [samples, setSamples] = useState<PendingSample[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [modelId, setModelId] = useState('');

  useEffect(() => {
    const c = createPhotoClient(new URL('./', window.location.href).href);
    client.current = c;
    void c.ready.then((r) => setModelId(r.modelId), (e: unknown) => setProblems([`The face models did not load: ${String(e)}`]));
    return () => c.close();
  }, []);
  const shown = useRef<PendingSample[]>([]);
  shown.current = samples;
  useEffect(() => () => shown.current.forEach(releasePreview), []);

  const choose = async (files: FileList | null) => {
    if (!files || !client.current) return;
    setBusy(true);
    const found: PendingSample[] = [];
    const bad: string[] = [];
    for (const f of Array.from(files)) {
      const r = await client.current.embedPhoto(await f.arrayBuffer(), f.type || 'image/jpeg');
      if (r.ok) found.push({ key: `photo-${f.name}-${found.length}`, embedding: r.embedding, quality: r.quality, yawDeg: 0, preview: { kind: 'url', url: URL.createObjectURL(f), label: f.name } });
      else bad.push(`${f.name}: ${r.reason}`);
    }
    setSamples((s) => [...s, ...found]);
    setProblems(bad);
    setBusy(false);
  };

  return (
    <div data-testid="photo-enrol">
      <label className="file-pick">
        {busy ? 'Reading the photos…' : 'Choose photos of the student…'}
        <input type="file" accept="image/jpeg,image/png" multiple data-testid="photo-files" onChange={(e) => { void choose(e.target.files); e.target.value = ''; }} />
      </label>
      <p className="field-hint">One person per photo, face towards the camera. Photos are not kept: only the face measurements are saved.</p>
      {problems.length > 0 && (
        <div className="banner warn"><p>These photos cannot be used:</p><ul className="error-list">{problems.map((p) => <li key={p}>{p}</li>)}</ul></div>
      )}
      {samples.length > 0 && (
        <SampleReview
          api={api}
          studentId={studentId}
          studentName={studentName}
          modelId={modelId}
          source="photo"
          samples={samples}
          onRemove={(key) => setSamples((s) => s.filter((x) => x.key !== key || (releasePreview(x), false)))}
          onRetake={() => { samples.forEach(releasePreview); setSamples([]); }}
          onSaved={onSaved}
        />
      )}
    </div>
  );
}
