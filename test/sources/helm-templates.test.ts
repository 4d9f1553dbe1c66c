// Helm templates read back (issue 11): where a rendered field was written in its template, and whether its value
// was made at render time (judged on the template text, not the rendered value).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickTemplateDocument, templateDocuments } from '../../src/sources/template-positions.js';
import { generatesAtRender, generatingVariables, namedTemplates, renderTimeJudge } from '../../src/sources/render-time-values.js';

const template = `{{- if .Values.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "x.fullname" . }}
  labels:
    {{- include "x.labels" . | nindent 4 }}
spec:
  template:
    spec:
      {{- with .Values.securityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
      - name: app
        image: "{{ .Values.image }}"
        securityContext:
          privileged: {{ .Values.privileged }}
      {{- range .Values.sidecars }}
      - name: {{ .name }}
        image: {{ .image }}
      {{- end }}
      volumes:
        - name: data
          hostPath:
            path: /
{{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: web
`;

test('a field is found by its chain of keys in the template, whatever the rendered lines were', () => {
  const docs = templateDocuments(template);
  assert.equal(docs.length, 2);
  const deploy = pickTemplateDocument(docs, 'Deployment', 0, 0)!;
  const at = (p: string) => deploy.locate(p);
  assert.deepEqual(at('/spec/template/spec/containers/0/securityContext/privileged'), { line: 19, column: 11 });
  assert.deepEqual(at('/spec/template/spec/containers/0/image'), { line: 17, column: 9 });
  // A loop rendered more items than the template writes: the last item written.
  assert.deepEqual(at('/spec/template/spec/containers/3/image'), { line: 22, column: 9 });
  assert.deepEqual(at('/spec/template/spec/volumes/0/hostPath/path'), { line: 27, column: 13 });
  // Written by toYaml/include: the deepest key the template writes.
  assert.deepEqual(at('/spec/template/spec/securityContext/runAsUser'), { line: 12, column: 7 });
  assert.deepEqual(at('/metadata/labels/app'), { line: 6, column: 3 });
  // The document itself: its first key (not the {{- if }} line).
  assert.deepEqual(at(''), { line: 2, column: 1 });
  // The second document keeps the file's own line numbers.
  assert.deepEqual(pickTemplateDocument(docs, 'Service', 0, 1)!.locate('/metadata/name'), { line: 33, column: 3 });
});

test('a template document is picked by its literal kind, else by its order in the file; never past the file', () => {
  const docs = templateDocuments(template);
  assert.equal(pickTemplateDocument(docs, 'Service', 0, 0)!.locate('').line, 30);
  assert.equal(pickTemplateDocument(docs, 'ConfigMap', 5, 5)!.locate('').line, 30);
  assert.equal(pickTemplateDocument([], 'Service', 0, 0), undefined);
});

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
