// The camera image's own size, known once the pipeline has attached a stream to the preview.
import { useEffect, useState, type RefObject } from 'react';
import type { Size } from './camera-geometry';

export function useVideoSize(ref: RefObject<HTMLVideoElement | null>): Size | null {
  const [size, setSize] = useState<Size | null>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    const update = () => setSize(video.videoWidth ? { width: video.videoWidth, height: video.videoHeight } : null);
    video.addEventListener('loadedmetadata', update);
    video.addEventListener('resize', update);
    update();
    return () => {
      video.removeEventListener('loadedmetadata', update);
      video.removeEventListener('resize', update);
    };
  }, [ref]);
  return size;
}
