// Every table entry that says it came from a list is in that list's file (the snapshot
// under ../shared/data/lists/crowdsec-sec-lists), so the provenance written in the
// tables cannot drift from the truth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RULE_SOURCES, type RuleSource } from '../../../../src/detect/injection/rules/sources.js';
import { TOOL_AGENT_RULES } from '../../../../src/detect/injection/rules/tool-agents.js';
import { SENSITIVE_FILE_RULES } from '../../../../src/detect/injection/rules/sensitive-files.js';
import { ADMIN_PATH_RULES } from '../../../../src/detect/injection/rules/admin-paths.js';
import { PHP_DANGEROUS_FUNCTIONS } from '../../../../src/detect/injection/rules/code-injection.js';
import { SQL_FRAGMENT_RULES } from '../../../../src/detect/injection/rules/sql-fragments.js';
import { BACKDOOR_RULES } from '../../../../src/detect/injection/rules/backdoors.js';
import { CVE_PATH_RULES } from '../../../../src/detect/injection/rules/cve-paths.js';
import { TECHNOLOGY_PROBE_RULES } from '../../../../src/detect/injection/rules/technology-probes.js';

const LISTS = '../shared/data/lists/crowdsec-sec-lists';

/** A list file's entries, lower-cased (CrowdSec and CRS match these case-insensitively). */
function entriesOf(source: RuleSource): Set<string> {
  const file = RULE_SOURCES[source].file;
  assert.ok(file !== null, `${source} names a file`);
  const lines = readFileSync(`${LISTS}/${file}`, 'utf8').split(/\r?\n/);
  // bad_user_agents.txt escapes spaces (`Black\ Hole`).
  return new Set(lines.filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.replace(/\\ /g, ' ').trim().toLowerCase()));
}

function checkTable(name: string, rows: readonly { entry: string; source: RuleSource }[]): number {
  const cache = new Map<RuleSource, Set<string>>();
  let checked = 0;
  for (const row of rows) {
    if (row.source === 'anomalog') continue;
    const entries = cache.get(row.source) ?? entriesOf(row.source);
    cache.set(row.source, entries);
    // CRS writes some entries with a leading or trailing slash (`/.DS_Store`, `.kube/`); the tables match segments.
    const entry = row.entry.toLowerCase();
    assert.ok(entries.has(entry) || entries.has(`/${entry}`) || entries.has(`${entry}/`), `${name}: "${row.entry}" is not in ${RULE_SOURCES[row.source].file}`);
    checked++;
  }
  return checked;
}

test('tool-agent entries named after a list are in that list', () => {
  assert.ok(checkTable('tool-agents', TOOL_AGENT_RULES) >= 40);
});

test('sensitive-file entries named after a list are in that list', () => {
  assert.ok(checkTable('sensitive-files', SENSITIVE_FILE_RULES) >= 50);
});

test('admin-path entries named after a list are in that list', () => {
  assert.ok(checkTable('admin-paths', ADMIN_PATH_RULES) >= 20);
});

test('PHP function entries named after the CRS list are in it', () => {
  assert.ok(checkTable('code-injection', PHP_DANGEROUS_FUNCTIONS.map((f) => ({ entry: f.name, source: f.source }))) >= 20);
});

test('SQL fragment entries are in CrowdSec sqli_probe_patterns.txt, as listed', () => {
  assert.equal(checkTable('sql-fragments', SQL_FRAGMENT_RULES), SQL_FRAGMENT_RULES.length);
});

test('backdoor entries named after CrowdSec backdoors.txt are in it, and the whole list is there', () => {
  const listed = checkTable('backdoors', BACKDOOR_RULES);
  assert.equal(listed, entriesOf('crowdsec:web/backdoors.txt').size);
});

test('CVE entries named after CrowdSec trendy_cves_uris.json are exactly its entries, each with its CVE', () => {
  const listed = readFileSync(`${LISTS}/web/trendy_cves_uris.json`, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { cve: string; uri: string })
    .map((e) => `${e.cve} ${e.uri.toLowerCase()}`);
  const ours = CVE_PATH_RULES.filter((r) => r.source === 'crowdsec:web/trendy_cves_uris.json').map((r) => `${r.cve} ${r.path === '' ? `?${r.query}` : r.path}`);
  assert.deepEqual([...ours].sort(), [...listed].sort());
});

test('every list source has its licence and commit written down', () => {
  for (const [id, info] of Object.entries(RULE_SOURCES)) {
    if (id === 'anomalog') continue;
    assert.match(info.commit, /^[0-9a-f]{40}$/);
    assert.match(info.licence, /^(MIT|Apache-2\.0)/);
  }
});

test('technology-probe entries are exactly CrowdSec technology_probing.json, each with its tag and match type', () => {
  const listed = readFileSync(`${LISTS}/web/technology_probing.json`, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { tag: string; pattern: string; type: string })
    // Its one regex is an anchored literal: a prefix.
    .map((e) => (e.type === 'regex' ? `${e.tag} ${e.pattern.replace(/^\^/, '')} prefix` : `${e.tag} ${e.pattern} ${e.type}`));
  const ours = TECHNOLOGY_PROBE_RULES.map((r) => `${r.tag} ${r.entry} ${r.match}`);
  assert.deepEqual([...ours].sort(), [...listed].sort());
  assert.ok(TECHNOLOGY_PROBE_RULES.every((r) => r.source === 'crowdsec:web/technology_probing.json'));
});
