/**
 * `npm run manifest` writes custom-elements.json from the elements' JSDoc (@summary, @event,
 * @csspart, @cssprop, @slot and the documented properties), then the README's API tables
 * from it (scripts/api-docs.mjs). test/unit/manifest.test.ts fails when either is stale.
 */
export default {
  globs: ['src/components/**/rapport-*.ts'],
  exclude: ['src/components/base/**'],
  outdir: '.',
  litelement: true,
  // package.json's customElements field is written by hand: a check run with another outdir must not move it.
  packagejson: false,
  plugins: [
    {
      name: 'rapport-public-api-only',
      // The manifest documents what a page can use: no private or protected members, and not the
      // base class's generic `emit(name, detail)`, which the analyzer reads as an event "name".
      packageLinkPhase({ customElementsManifest }) {
        // The analyzer reads files in parallel: sort the modules so the file is the same every run.
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (decl.members) decl.members = decl.members.filter((m) => !m.privacy && !m.name.startsWith('#') && m.name !== 'emit' && !m.static);
            if (decl.events) decl.events = decl.events.filter((e) => e.name?.startsWith('rapport-'));
          }
        }
      },
    },
  ],
};
