import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web client lives in web/; the API server (src/) serves web/dist in production and runs on :3000 in development.
const webRoot = fileURLToPath(new URL('./web', import.meta.url));
// Where `vite` (dev) and `vite preview` send /api; override to point the client at another running server.
const apiTarget = process.env.JINGZHUN_API_URL ?? 'http://localhost:3000';
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd + echarts make vendor chunks larger than Vite's 500 kB default even when tree-shaken.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy,
  },
  preview: {
    port: 4173,
    proxy,
  },
});
