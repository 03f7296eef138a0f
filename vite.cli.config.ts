import { defineConfig } from 'vite';

/** The command-line tool: one Node ES module, dependencies left to node_modules. */
export default defineConfig({
  build: {
    ssr: 'src/cli/index.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: 'cli.js' } },
  },
});
