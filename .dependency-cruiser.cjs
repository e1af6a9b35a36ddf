// Import rules of src/ (`npm run check:imports`, run by `npm test` and so by .ci/run).
// The layers, top to bottom (docs/architecture.md draws them with the data flow):
//
//   cli → pipeline → ingest → detect → features → baseline → model → normalize → report
//                  ↘ config
//
// A folder may import the folders to its right and the shared leaves; never one to its
// left ("upward"), and no file may take part in an import cycle. The leaves (src/*.ts:
// types, errors, version; src/text/: formatting and escaping; src/time/: the time and
// duration grammars) import only other leaves, so every stage can use them.
// The data flows read → normalize → aggregate → baseline → features → model → detect →
// report, and only pipeline/ wires it. The import order differs where a stage is a library
// for later ones: normalize (route templates, endpoint keys, networks) is applied by ingest
// while reading and its keys are used by features and detect, so it sits low; detect uses
// features, features are computed against a finished baseline, a baseline holds models.
// `report` renders the typed Report and needs no stage; `config` turns rule files into
// typed rules that the pipeline applies.
const STAGES = ['cli', 'pipeline', 'ingest', 'detect', 'features', 'baseline', 'model', 'normalize', 'report'];
const LEAVES = ['text', 'time'];

/** Every stage left of `stage` (what it must not import). */
function upstreamOf(stage) {
  const at = STAGES.indexOf(stage);
  return STAGES.slice(0, at);
}

const folder = (names) => `^src/(${names.join('|')})/`;

const upward = STAGES.filter((stage) => upstreamOf(stage).length > 0).map((stage) => ({
  name: `no-upward-import-from-${stage}`,
  comment: `${stage} is below ${upstreamOf(stage).join(', ')} in the pipeline and must not import them (docs/architecture.md).`,
  severity: 'error',
  from: { path: folder([stage]) },
  to: { path: folder(upstreamOf(stage)) },
}));

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
    ...upward,
    {
      name: 'stages-do-not-import-config',
      comment: 'Config files are read and applied by cli/pipeline; a stage gets typed values, never the config module.',
      severity: 'error',
      from: { path: folder(STAGES.filter((s) => s !== 'cli' && s !== 'pipeline')) },
      to: { path: '^src/config/' },
    },
    {
      name: 'config-imports-only-normalize-and-leaves',
      comment: 'Config describes rules; it may match endpoints the way normalize keys them, and depends on no other stage.',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: folder(STAGES.filter((s) => s !== 'normalize')) },
    },
    {
      name: 'leaves-import-only-leaves',
      comment: 'Shared leaf modules (src/*.ts, src/text/, src/time/) are importable by every stage, so they import no stage.',
      severity: 'error',
      from: { path: [`^src/[^/]+\\.ts$`, folder(LEAVES)] },
      to: { path: folder([...STAGES, 'config']) },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
