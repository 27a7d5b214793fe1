// The mirrored camera preview with the outline to aim for, the tracked face and the current hint.
// When the camera is not available it says so calmly and points to the PIN.
import { useRef, type RefObject } from 'react';
import { useKiosk } from '../../app/kiosk-context';
import { say } from '../../app/strings';
import { checkInModes } from '../../state/check-in-modes';
import { FaceBox } from './FaceBox';
import { FaceGuide } from './FaceGuide';
import { GuidanceHint } from './GuidanceHint';
import { Icon } from './Icon';
import { useElementSize } from './use-element-size';
import { useVideoSize } from './use-video-size';

export function CameraView({ videoRef }: { videoRef: RefObject<HTMLVideoElement | null> }) {
  const boxRef = useRef<HTMLElement>(null);
  const view = useElementSize(boxRef);
  const frame = useVideoSize(videoRef);
  const camera = useKiosk((s) => s.camera);
  // On the keypad the camera still reads cards, so it asks for one rather than a face.
  const faceMode = useKiosk((s) => checkInModes(s).face && s.phase !== 'pin');
  const facesUnavailable = useKiosk((s) => s.status?.faceRecognition === true && s.faces === 'error');
  const face = useKiosk((s) => (faceMode ? s.face : null));

  return (
    <section className="camera" ref={boxRef} aria-label={say('camera.label')} data-camera={camera}>
      <video ref={videoRef} className="camera-video" muted playsInline autoPlay />
      {camera === 'error' ? (
        <div className="camera-unavailable" role="status">
          <Icon name="cameraOff" />
          <p className="camera-unavailable-title">{say('camera.unavailable')}</p>
          <p>{say('camera.unavailableDetail')}</p>
        </div>
      ) : (
        <>
          {frame && view && <FaceGuide frame={frame} view={view} mode={faceMode ? 'face' : 'card'} face={face} />}
          {face && frame && view && <FaceBox box={face.box} ok={face.qualityOk} frame={frame} view={view} />}
          {!frame && <p className="camera-note">{say('camera.starting')}</p>}
          {facesUnavailable && <p className="camera-note camera-note-top">{say('camera.facesUnavailable')}</p>}
          {faceMode && <GuidanceHint />}
          {!faceMode && frame && (
            <div className="hint-slot">
              <p className="hint" data-tone="neutral">
                {say('camera.cardGuide')}
              </p>
            </div>
          )}
        </>
      )}
    </section>
  );
}
