import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECKS } from '../../src/checks/index.js';
import { commandOf, parseShell } from '../../src/checks/shared/dockerfile-shell.js';
import { packageInstalls } from '../../src/checks/shared/package-installs.js';
import { parseDockerfile } from '../../src/sources/dockerfile/parse.js';
import { scanDockerfile } from './example-helpers.js';

const names = (text: string) => parseShell(text).map((p) => p.map((c) => commandOf(c)?.name ?? '?').join(' | '));

test('shell commands: operators split, quotes and substitutions do not, assignments and wrappers are skipped', () => {
  assert.deepEqual(names('a && b || c; d & e\nf | g |& h'), ['a', 'b', 'c', 'd', 'e', 'f | g | h']);
  assert.deepEqual(names('echo "a | b && c" \'; d\' $(x | y) `z; w` > out 2>&1'), ['echo']);
  assert.deepEqual(names('DEBIAN_FRONTEND=noninteractive sudo -E -u root env A=1 apt-get install -y x'), ['apt-get']);
  assert.deepEqual(names('(cd /src && make) # comment | not a pipe'), ['cd', 'make']);
  assert.deepEqual(names('if [ -n "$X" ]; then apt-get install -y a; else ! apk add b; fi; while true; do sleep 1; done'), ['[', 'apt-get', 'apk', 'fi', 'true', 'sleep', 'done']);
  const [[cmd]] = parseShell('cat <<EOF > /etc/x') as [[Parameters<typeof commandOf>[0]]];
  assert.deepEqual(cmd.words.map((w) => w.value), ['cat'], 'redirection targets and heredoc words are not arguments');
});

test('package installs: options with values are skipped, only install subcommands count', () => {
  const df = parseDockerfile('FROM x\nRUN apt-get -o Dpkg::Options::=--force-confnew install -y --no-install-recommends a b=1 && apk add -t .deps c && yum -y update && apt-get remove z\n', 'Dockerfile');
  assert.deepEqual(packageInstalls(df.instructions[1]!).map((p) => [p.command, p.packages.map((w) => w.value)]), [['apt-get install', ['a', 'b=1']], ['apk add', ['c']]]);
});

const curl = CHECKS.find((c) => c.id === 'dockerfile-curl-pipe-shell')!;
const hits = (text: string) => scanDockerfile([curl], `FROM alpine:3.19\n${text}\n`).findings.length;

test('curl | sh: only when the shell runs the download', () => {
  assert.equal(hits('RUN curl -fsSL https://x/i.sh | sh'), 1);
  assert.equal(hits('RUN wget -O- https://x/i.sh | bash -s -- --prefix=/usr'), 1);
  assert.equal(hits('RUN bash <(curl -fsSL https://x/i.sh)'), 1);
  assert.equal(hits('RUN ["sh", "-c", "curl -fsSL https://x/i.sh | sh"]'), 1);
  assert.equal(hits('RUN curl -fsSL https://x/i.sh | tee /tmp/i.sh | sh'), 1);
  assert.equal(hits('RUN curl -fsSL https://x/data.tgz | tar -xz -C /opt'), 0);
  assert.equal(hits('RUN curl -fsSL https://x/sum | sh -c "cat > /tmp/sum"'), 0);
  assert.equal(hits('RUN curl -fsSL https://x/a.py | python3 -m json.tool'), 0);
  assert.equal(hits('RUN echo "curl https://x | sh" > /README'), 0);
  assert.equal(hits('RUN python3 <<EOF\nprint("curl x | sh")\nEOF'), 0);
});
