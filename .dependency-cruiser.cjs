// Import boundaries of src/: the one-way flow of DESIGN.md ("Dependencies point one way"), checked by
// `npm run lint:imports` in CI. docs/architecture.md explains the layers. No exceptions: a rule that
// needs one is wrong, or the code is.
//
// Each layer lists the src/ folders it may import (besides itself). Anything in src/ not listed is forbidden,
// type-only imports included (they couple the layers as much as value imports do).
/** @type {Record<string, string[]>} */
const mayImport = {
  model: [],
  frameworks: ['model'],
  vuln: ['model'],
  sources: ['model', 'vuln'],
  analysis: ['model', 'frameworks', 'vuln'],
  checks: ['model', 'analysis', 'frameworks', 'vuln'],
  audit: ['model', 'frameworks'],
  policy: ['model', 'checks', 'frameworks'],
  report: ['model', 'frameworks', 'vuln'],
  fix: ['model', 'analysis', 'checks', 'policy', 'sources'],
  engine: ['model', 'frameworks', 'vuln', 'sources', 'analysis', 'checks', 'audit', 'policy', 'report', 'fix'],
  cli: ['engine', 'report', 'model', 'server', 'admission'],
  admission: ['engine', 'report', 'model'],
  server: ['engine', 'report', 'model'],
};

/** The faces see the model only as types: every value they need comes from the engine or a report. */
const faces = ['cli', 'admission', 'server'];

const layerRules = Object.entries(mayImport).map(([layer, allowed]) => ({
  name: `${layer}-imports`,
  comment: `src/${layer}/ may import only ${allowed.length ? allowed.map((l) => `src/${l}/`).join(', ') : 'itself'} (docs/architecture.md)`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: {
    path: '^src/',
    pathNot: [`^src/${layer}/`, ...allowed.map((l) => `^src/${l}/`)],
  },
}));

const faceModelRules = faces.map((face) => ({
  name: `${face}-model-types-only`,
  comment: `src/${face}/ imports src/model/ for types only (values come through src/engine/)`,
  severity: 'error',
  from: { path: `^src/${face}/` },
  to: { path: '^src/model/', dependencyTypesNot: ['type-only'] },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    ...faceModelRules,
    {
      name: 'library-entry-imports',
      comment: 'src/index.ts (the library API) exposes the engine and its layers, never a face',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: `^src/(${faces.join('|')})/` },
    },
    {
      name: 'src-imports-only-src',
      comment: 'nothing in src/ imports test/, bench/ or scripts/',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'no-dev-dependency-at-runtime',
      comment: 'the published package installs only dependencies: src/ uses a devDependency for types only',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-undeclared-package',
      comment: 'every package src/ imports is declared in package.json',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-circular',
      comment: 'no import cycle anywhere in src/ (type-only imports included)',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every relative import resolves to a file',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
