/**
 * The embedding model and crop, stored with every template: vectors of another model (or another crop)
 * must never be compared with these. Matches config/default.json recognition.modelId. Kept apart from
 * embedder.ts so pages can name it without loading face-api.
 */
export const FACEAPI_MODEL_ID = 'faceapi-resnet128-fapi-v1';
