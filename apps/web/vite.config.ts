import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API server runs separately; in production it serves dist/ itself on the
// same origin, so proxying keeps the app's relative URLs identical in both setups.
const apiTarget = `http://127.0.0.1:${process.env.AKKOORD_API_PORT ?? 8080}`;

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // The editor chunk is Tiptap + ProseMirror + Yjs, loaded after the start page renders;
    // it cannot usefully shrink further, so only warn if it grows well beyond that.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/sync': { target: apiTarget, ws: true },
      '/api': { target: apiTarget },
      '/healthz': { target: apiTarget },
    },
  },
});
