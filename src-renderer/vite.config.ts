import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The renderer is built to static files that either host (Electron's app:// scheme or the serve host)
// serves from one origin. Prepared models and WASM come from assets/ (see scripts/prepare-models.ts).
export default defineConfig({
  root: here('.'),
  base: './',
  publicDir: here('../assets'),
  build: {
    outDir: here('../dist-renderer'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: { index: here("index.html"), enrol: here("enrol.html"), diagnostics: here("diagnostics.html") },
    },
  },
  worker: { format: 'es' },
  esbuild: { jsx: 'automatic' },
});
