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
    // The editor chunk is Tiptap + ProseMirror, loaded after the start page renders; it cannot
    // usefully shrink further, so only warn if it grows well beyond that.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Yjs and its sync/storage layers in a chunk of their own, fetched alongside the
          // editor chunk; together they would be just under the warning limit.
          groups: [
            {
              name: 'yjs',
              test: /[\\/]node_modules[\\/](yjs|lib0|y-protocols|y-websocket|y-indexeddb)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/sync': { target: apiTarget, ws: true },
      '/api': { target: apiTarget },
      '/healthz': { target: apiTarget },
    },
  },
});
