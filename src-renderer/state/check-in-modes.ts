// Which ways of checking in the kiosk can offer right now. The PIN always works; the card needs the
// camera; the face needs the camera, the models and the school's consent to use it.
import type { KioskState } from './kiosk-store';

export interface CheckInModes {
  face: boolean;
  card: boolean;
}

export function checkInModes(s: Pick<KioskState, 'status' | 'camera' | 'faces'>): CheckInModes {
  const card = s.camera !== 'error';
  return { card, face: card && s.faces !== 'error' && s.status?.faceRecognition === true };
}
