// Short tones synthesised with WebAudio, so a student hears the answer without looking and the kiosk
// ships no sound files. Chromium keeps audio suspended until the first touch unless the host allows
// autoplay, so `unlock` is called on every touch until it runs.
import type { Outcome } from '../../state/kiosk-store';

export type Cue = 'success' | 'already' | 'error';

export function cueFor(outcome: Outcome): Cue {
  switch (outcome) {
    case 'recorded':
      return 'success';
    case 'already_recorded':
    case 'needs_second_factor':
      return 'already';
    default:
      return 'error';
  }
}

interface Note {
  at: number;
  frequency: number;
  seconds: number;
  peak: number;
  wave: OscillatorType;
  /** Frequency to glide to by the end of the note. */
  glideTo?: number;
}

const cues: Record<Cue, Note[]> = {
  // A rising major arpeggio: bright, short, unmistakably "yes".
  success: [
    { at: 0, frequency: 784, seconds: 0.5, peak: 0.16, wave: 'sine' },
    { at: 0.09, frequency: 988, seconds: 0.5, peak: 0.15, wave: 'sine' },
    { at: 0.18, frequency: 1319, seconds: 0.7, peak: 0.14, wave: 'sine' },
  ],
  // Two soft equal notes: "noted", neither success nor failure.
  already: [
    { at: 0, frequency: 660, seconds: 0.22, peak: 0.1, wave: 'sine' },
    { at: 0.24, frequency: 660, seconds: 0.3, peak: 0.1, wave: 'sine' },
  ],
  // One low, falling note: "not this time", without a harsh buzz.
  error: [{ at: 0, frequency: 220, glideTo: 174, seconds: 0.5, peak: 0.22, wave: 'triangle' }],
};

export interface TonePlayer {
  play(cue: Cue): void;
  unlock(): void;
  close(): void;
}

export function createTonePlayer(): TonePlayer {
  let context: AudioContext | undefined;
  const audio = () => (context ??= new AudioContext());

  function sound(ctx: AudioContext, start: number, note: Note) {
    const t = start + note.at;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = note.wave;
    osc.frequency.setValueAtTime(note.frequency, t);
    if (note.glideTo) osc.frequency.exponentialRampToValueAtTime(note.glideTo, t + note.seconds);
    // A quick attack and an exponential fade: a struck tone, no clicks.
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(note.peak, t + 0.015);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + note.seconds);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + note.seconds + 0.05);
  }

  return {
    play(cue) {
      const ctx = audio();
      // A suspended context would play this tone late, at the next touch; better not at all.
      if (ctx.state !== 'running') return;
      const start = ctx.currentTime + 0.02;
      for (const note of cues[cue]) sound(ctx, start, note);
    },
    unlock() {
      const ctx = audio();
      if (ctx.state === 'suspended') void ctx.resume();
    },
    close() {
      void context?.close();
      context = undefined;
    },
  };
}
