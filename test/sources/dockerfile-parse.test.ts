import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finalChain, lastInFinalImage, variablesAt } from '../../src/model/dockerfile-stages.js';
import { expandWord } from '../../src/model/dockerfile-words.js';
import { parseDockerfile } from '../../src/sources/dockerfile/parse.js';

const parse = (text: string, buildArgs?: Record<string, string>) => parseDockerfile(text, 'Dockerfile', buildArgs ? { buildArgs } : {});
const summary = (text: string) => parse(text).instructions.map((i) => `${i.keyword}@${i.position.line}:${i.position.column}-${i.endLine} ${i.args.text}`);

test('line continuations join lines; comment and empty lines inside them are dropped; every word keeps its position', () => {
  const text = 'FROM debian:12\nRUN apt-get update && \\\n    # install what we need\n\n    apt-get install -y \\\n      curl   \\   \n      git\nCMD ["bash"]\n';
  const df = parse(text);
  assert.deepEqual(df.problems, []);
  assert.deepEqual(summary(text), [
    'FROM@1:1-1 debian:12',
    'RUN@2:1-7 apt-get update &&     apt-get install -y       curl         git',
    'CMD@8:1-8 ["bash"]',
  ]);
  const run = df.instructions[1]!;
  assert.deepEqual(run.args.positionAt(run.args.text.indexOf('install')), { line: 5, column: 13 });
  assert.deepEqual(run.args.positionAt(run.args.text.indexOf('curl')), { line: 6, column: 7 });
  assert.deepEqual(run.args.positionAt(run.args.text.indexOf('git')), { line: 7, column: 7 });
});

test('# escape=` switches the continuation character (Windows Dockerfiles); backslashes are then plain', () => {
  const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN mkdir C:\\app `\n    && copy C:\\src\\x C:\\app\\\n';
  const df = parse(text);
  assert.equal(df.escape, '`');
  assert.deepEqual(df.directives, { escape: '`' });
  assert.deepEqual(summary(text)[1], 'RUN@3:1-4 mkdir C:\\app     && copy C:\\src\\x C:\\app\\');
});

test('parser directives count only at the very top; later, or unknown, they are comments', () => {
  const late = parse('# a comment first\n# escape=`\nFROM alpine\nRUN echo a \\\n b\n');
  assert.equal(late.escape, '\\');
  assert.deepEqual(late.directives, {});
  assert.equal(late.instructions[1]!.args.text, 'echo a  b');
  const both = parse('# syntax=docker/dockerfile:1.7\n#escape = \\\nFROM alpine\n');
  assert.deepEqual(both.directives, { syntax: 'docker/dockerfile:1.7', escape: '\\' });
  const bad = parse('# escape=x\nFROM alpine\n');
  assert.match(bad.problems[0]!.message, /invalid escape directive/);
});

test('heredocs: <<EOF, <<-EOF with tabs stripped, quoted delimiters, several on one line, and an unclosed one', () => {
  const text = 'FROM alpine\nRUN <<EOF\nset -e\napk add --no-cache curl\nEOF\nRUN <<-"EOT" sh\n\techo "$HOME"\n\tEOT\nCOPY <<one.txt <<two.txt /data/\nfirst\none.txt\nsecond\ntwo.txt\nCMD ["sh"]\n';
  const df = parse(text);
  assert.deepEqual(df.problems, []);
  const [, run1, run2, copy, cmd] = df.instructions;
  assert.equal(run1!.heredocs[0]!.body.text, 'set -e\napk add --no-cache curl\n');
  assert.deepEqual(run1!.heredocs[0]!.body.positionAt(run1!.heredocs[0]!.body.text.indexOf('apk')), { line: 4, column: 1 });
  assert.equal(run1!.endLine, 5);
  assert.deepEqual({ ...run2!.heredocs[0]!, body: run2!.heredocs[0]!.body.text }, { name: 'EOT', stripTabs: true, quoted: true, body: 'echo "$HOME"\n' });
  assert.deepEqual(copy!.heredocs.map((h) => [h.name, h.body.text]), [['one.txt', 'first\n'], ['two.txt', 'second\n']]);
  assert.equal(cmd!.position.line, 14);
  // The heredoc opens on a continuation line; its body starts after the instruction's last line.
  const cont = parse('FROM alpine\nRUN --mount=type=secret,id=t \\\n    <<EOF\nnpm ci\nEOF\nUSER 1000\n');
  assert.deepEqual(cont.instructions.map((i) => [i.keyword, i.position.line, i.endLine, i.heredocs.map((h) => h.body.text)]), [['FROM', 1, 1, []], ['RUN', 2, 5, ['npm ci\n']], ['USER', 6, 6, []]]);
  const open = parse('FROM alpine\nRUN <<EOF\necho never closed\n');
  assert.match(open.problems[0]!.message, /heredoc <<EOF is not closed/);
});

test('exec (JSON) form vs shell form', () => {
  const df = parse('FROM alpine\nCMD ["nginx", "-g", "daemon off;"]\nENTRYPOINT [not json\nRUN ["sh", "-c", "echo hi"]\nRUN echo [a]\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n');
  assert.deepEqual(df.instructions.map((i) => i.json ?? null), [null, ['nginx', '-g', 'daemon off;'], null, ['sh', '-c', 'echo hi'], null, ['/bin/bash', '-o', 'pipefail', '-c']]);
});

test('instructions are case-insensitive; flags are read before the arguments', () => {
  const df = parse('from --platform=linux/arm64 alpine:3.19 as Build\nRun --mount=type=cache,target=/root/.cache echo hi\ncopy --from=build --chown=1000:1000 /a /b\n');
  assert.deepEqual(df.instructions.map((i) => i.keyword), ['FROM', 'RUN', 'COPY']);
  assert.deepEqual(df.instructions[2]!.flags.map((f) => [f.name, f.value, f.position.column]), [['from', 'build', 6], ['chown', '1000:1000', 19]]);
  assert.equal(df.stages[0]!.name, 'build');
  assert.equal(df.stages[0]!.platform, 'linux/arm64');
  assert.equal(df.instructions[1]!.args.text, 'echo hi');
});

test('ARG before FROM and ${VAR:-default} substitution in FROM; --build-arg overrides; unknown variables stay unresolved', () => {
  const text = 'ARG REGISTRY=docker.io\nARG TAG\nARG VARIANT\nFROM ${REGISTRY}/library/node:${TAG:-20}${VARIANT:+-$VARIANT} AS build\nFROM $UNKNOWN_BASE\n';
  const df = parse(text);
  assert.deepEqual(df.stages[0]!.base, { kind: 'image', image: 'docker.io/library/node:20' });
  assert.deepEqual(df.stages[1]!.base, { kind: 'unresolved', text: '$UNKNOWN_BASE' });
  const given = parse(text, { TAG: '22', VARIANT: 'slim', UNKNOWN_BASE: 'alpine:3.20' });
  assert.deepEqual(given.stages[0]!.base, { kind: 'image', image: 'docker.io/library/node:22-slim' });
  // As docker build does: a --build-arg only sets a variable some ARG declares.
  assert.deepEqual(given.stages[1]!.base, { kind: 'unresolved', text: '$UNKNOWN_BASE' });
  const look = (n: string) => ({ SET: 'x', EMPTY: '' } as Record<string, string>)[n];
  assert.deepEqual(['${EMPTY:-d}', '${EMPTY-d}', '${SET:+alt}', '${UNSET+alt}', "'$SET'", '"$SET"', '\\$SET', '${SET}${UNSET}'].map((w) => expandWord(w, look)), [
    { value: 'd', unresolved: false }, { value: '', unresolved: false }, { value: 'alt', unresolved: false }, { value: '', unresolved: false },
    { value: '$SET', unresolved: false }, { value: 'x', unresolved: false }, { value: '$SET', unresolved: false }, { value: 'x', unresolved: true },
  ]);
});

test('multi-stage: AS names, FROM <stage> is a stage (case-insensitive), the final chain follows it', () => {
  const df = parse('FROM golang:1.22 AS Builder\nUSER builder\nFROM alpine:3.19 AS base\nUSER app\nHEALTHCHECK CMD ["true"]\nFROM BASE\nCOPY --from=builder /out /out\n');
  assert.deepEqual(df.stages.map((s) => [s.name ?? null, s.base]), [
    ['builder', { kind: 'image', image: 'golang:1.22' }],
    ['base', { kind: 'image', image: 'alpine:3.19' }],
    [null, { kind: 'stage', stage: 1 }],
  ]);
  assert.deepEqual(finalChain(df).map((s) => s.index), [2, 1]);
  assert.equal(lastInFinalImage(df, 'USER')!.args.text, 'app');
  assert.equal(lastInFinalImage(df, 'HEALTHCHECK')!.position.line, 5);
});

test('variables in scope: ENV is inherited through FROM <stage>; a global ARG only after ARG NAME in the stage', () => {
  const df = parse('ARG UID=1000\nFROM alpine AS base\nENV APP_USER=app HOME=/home/app\nFROM base\nUSER $UID\nARG UID\nUSER $UID\nENV GREETING="hello $APP_USER"\nRUN echo\n');
  const [, , , , user1, , user2, , run] = df.instructions;
  assert.equal(variablesAt(df, user1!)('UID'), undefined);
  assert.equal(variablesAt(df, user2!)('UID'), '1000');
  assert.equal(variablesAt(df, run!)('APP_USER'), 'app');
  assert.equal(variablesAt(df, run!)('GREETING'), 'hello app');
});

test('bad input: unknown instructions, instructions before FROM, no FROM at all, CRLF and a BOM', () => {
  assert.deepEqual(parse('RUN echo hi\nFROM alpine\nFROBNICATE x\n').problems.map((p) => [p.position.line, p.message]), [
    [1, 'RUN before the first FROM: only ARG may come before FROM'],
    [3, 'unknown instruction "FROBNICATE"'],
  ]);
  assert.match(parse('ARG X=1\n').problems[0]?.message ?? '', /no FROM/);
  const crlf = parse('\ufeffFROM alpine\r\nRUN echo a \\\r\n  b\r\n');
  assert.deepEqual(crlf.problems, []);
  assert.deepEqual(crlf.instructions.map((i) => [i.keyword, i.position.line, i.position.column, i.args.text]), [['FROM', 1, 1, 'alpine'], ['RUN', 2, 1, 'echo a   b']]);
  const onbuild = parse('FROM alpine\nONBUILD RUN apk add curl\n').instructions[1]!;
  assert.equal(onbuild.onbuild?.keyword, 'RUN');
  assert.equal(onbuild.onbuild?.args.text, 'apk add curl');
  assert.deepEqual(onbuild.onbuild?.position, { line: 2, column: 9 });
});
