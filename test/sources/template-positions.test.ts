import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickTemplateDocument, templateDocuments } from '../../src/sources/template-positions.js';

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
