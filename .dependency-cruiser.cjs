// Import rules of src/ (`npm run check:imports`, run by `npm test` and so by .ci/run).
// Each folder names the folders it may import (ALLOWED); every other stage folder is forbidden
// to it, and no file may take part in an import cycle. docs/architecture.md draws the result:
//
//   cli → pipeline → ingest ──────────────────────────────→ normalize
//          │  ↘ config ────────────────────────────────────↗
//          └──→ detect → features → baseline → model
//                  └─────────┴──────────────────────────→ normalize
//   cli, pipeline → report (renders the typed Report; imports no stage)
//
// The leaves (src/*.ts: types, errors, version; src/text/: formatting and escaping; src/time/:
// the time and duration grammars) import only other leaves, so every folder may use them.
// The data flows read → normalize → aggregate → baseline → features → model → detect →
// report, and only pipeline/ wires it (cli/ calls one pipeline function per command, and may
// name any stage's types and constants). The import order differs from the data flow where a
// stage is a library of later ones: normalize (route templates, endpoint keys, networks) is
// applied by ingest while reading and its keys are used by features and detect, so it sits
// low; detect uses features, features are computed against a finished baseline, a baseline
// holds models. Reading (ingest) and rendering (report) are branches of their own: nothing
// that judges traffic reads a file or renders a report, and neither of them judges.
const STAGES = ['cli', 'pipeline', 'ingest', 'detect', 'features', 'baseline', 'model', 'normalize', 'report', 'config'];
const LEAVES = ['text', 'time'];

/** The stage folders each folder may import (besides itself and the leaves). */
const ALLOWED = {
  cli: ['pipeline', 'config', 'ingest', 'detect', 'features', 'baseline', 'model', 'normalize', 'report'],
  pipeline: ['config', 'ingest', 'detect', 'features', 'baseline', 'model', 'normalize', 'report'],
  ingest: ['normalize'],
  detect: ['features', 'baseline', 'model', 'normalize'],
  features: ['baseline', 'model', 'normalize'],
  baseline: ['model'],
  model: [],
  normalize: [],
  report: [],
  // Config describes rules; it may match endpoints the way normalize keys them. It is read and
  // applied by cli/pipeline: a stage gets typed values, never the config module.
  config: ['normalize'],
};

const folder = (names) => `^src/(${names.join('|')})/`;

const directions = STAGES.map((stage) => {
  const forbidden = STAGES.filter((other) => other !== stage && !ALLOWED[stage].includes(other));
  return {
    name: `${stage}-imports-only-${ALLOWED[stage].length === 0 ? 'leaves' : ALLOWED[stage].join('-')}`,
    comment: `${stage} may import ${ALLOWED[stage].length === 0 ? 'no stage' : ALLOWED[stage].join(', ')} (and the leaves), never ${forbidden.join(', ')} (docs/architecture.md).`,
    severity: 'error',
    from: { path: folder([stage]) },
    to: { path: folder(forbidden) },
  };
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Files must not import each other in a circle: move what both need into a module below both (or a leaf).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...directions,
    {
      name: 'leaves-import-only-leaves',
      comment: 'Shared leaf modules (src/*.ts, src/text/, src/time/) are importable by every stage, so they import no stage.',
      severity: 'error',
      from: { path: [`^src/[^/]+\\.ts$`, folder(LEAVES)] },
      to: { path: folder(STAGES) },
    },
    {
      name: 'every-folder-has-rules',
      comment: 'A new folder of src/ is a stage or a leaf: add it to STAGES and ALLOWED, or to LEAVES, in .dependency-cruiser.cjs.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/[^/]+/', pathNot: [folder([...STAGES, ...LEAVES]), '^src/types/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
