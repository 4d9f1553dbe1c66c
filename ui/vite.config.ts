import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { KIT_CSS } from '../src/report/components/kit-css.js';

/**
 * `import 'virtual:kit.css'`: the stylesheet of the components shared with `kubeward scan -o html`
 * (src/report/components/kit-css.ts, which the HTML report inlines), as a CSS module of the dashboard.
 */
function kitCss(): Plugin {
  const id = '\0kit.css';
  return {
    name: 'kubeward-kit-css',
    resolveId: (source) => (source === 'virtual:kit.css' ? id : undefined),
    load: (source) => (source === id ? KIT_CSS : undefined),
  };
}

// `npm run build:ui` → dist-ui/ at the repository root, served by `kubeward serve` at `/`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), kitCss()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist-ui', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
});
