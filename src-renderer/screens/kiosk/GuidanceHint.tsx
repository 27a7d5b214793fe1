// One short instruction over the preview: what the student should do so the camera can see them
// well, then "hold still" while the pipeline gathers agreeing frames, then "one moment" while the
// core answers. Once the face has been answered for, there is nothing more to ask of the student.
import { useKiosk } from '../../app/kiosk-context';
import { say, type StringId } from '../../app/strings';
import type { KioskState } from '../../state/kiosk-store';

const encouraging: ReadonlySet<StringId> = new Set<StringId>(['hint.asking', 'hint.checking']);

function guidanceFor(s: KioskState): StringId | null {
  if (s.pending === 'face') return 'hint.asking';
  if (s.face?.qualityOk) return s.face.agreeing < s.face.needed ? 'hint.checking' : null;
  return s.hint.shown ? `hint.${s.hint.shown}` : null;
}

export function GuidanceHint() {
  const id = useKiosk(guidanceFor);
  return (
    <div className="hint-slot" aria-live="polite">
      {id && (
        <p className="hint" data-tone={encouraging.has(id) ? 'good' : 'adjust'} data-testid="guidance-hint">
          {say(id)}
        </p>
      )}
    </div>
  );
}
