import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generatesAtRender, generatingVariables, namedTemplates, renderTimeJudge } from '../../src/sources/render-time-values.js';
import { templateDocuments } from '../../src/sources/template-positions.js';

const helpers = `{{- define "app.password" -}}
{{- include "app.random" . -}}
{{- end -}}
{{- define "app.random" -}}
{{- randAlphaNum 20 | b64enc -}}
{{- end -}}
{{- define "app.name" -}}web{{- end -}}
`;

test('generator functions are found in actions and, transitively, in the named templates they include', () => {
  const named = namedTemplates([helpers]);
  assert.deepEqual([...named.keys()], ['app.password', 'app.random', 'app.name']);
  assert.equal(generatesAtRender('password: {{ include "app.password" . }}', named), true);
  assert.equal(generatesAtRender('name: {{ include "app.name" . }}', named), false);
  assert.equal(generatesAtRender('key: {{ genPrivateKey "rsa" | b64enc }}', named), true);
  // Outside an action a word is only text.
  assert.equal(generatesAtRender('# randAlphaNum is not used here', named), false);
  assert.deepEqual([...generatingVariables('{{- $s := lookup "v1" "Secret" "ns" "x" }}{{ $pw := $s.data.pw }}{{ $n := .Values.n }}', named)].sort(), ['pw', 's']);
});

test('a field is judged on its template line: a value from values.yaml in a file that also generates is still committed', () => {
  const file = `{{- $ca := genCA "ca" 365 }}
apiVersion: v1
kind: Secret
data:
  tls.key: {{ $ca.Key | b64enc }}
  token: {{ .Values.token | b64enc }}
  literal: c2VjcmV0
  {{- range $k, $v := .Values.extra }}
  {{ $k }}: {{ $v | b64enc }}
  {{- end }}
`;
  const judge = renderTimeJudge(templateDocuments(file)[0]!.doc, file, new Map());
  assert.equal(judge('/data/tls.key'), true);
  assert.equal(judge('/data/token'), false);
  assert.equal(judge('/data/literal'), false);
  // Written by a loop (not literally in the template) in a file that generates: given the benefit of the doubt.
  assert.equal(judge('/data/from-loop'), true);
});
