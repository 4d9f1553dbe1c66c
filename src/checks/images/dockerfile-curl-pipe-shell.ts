import { defineCheck, type Issue } from '../define.js';
import { runCommands, SHELLS } from '../shared/dockerfile-shell.js';

const DOWNLOADERS = new Set(['curl', 'wget']);
/** `sh -c "$(curl …)"`, `bash <(wget -O- …)`, `` sh -c "`curl …`" ``: the download is run by a shell. */
const SUBSTITUTED = /(\$\(|<\(|`)\s*(curl|wget)\b/;
const INTERPRETERS = new Set([...SHELLS, 'python', 'python3', 'perl', 'ruby', 'node']);

/** Does `name args…` run its standard input as the script (`sh`, `bash -s -- x`, `python3 -`), not a file, `-c` or `-m`? */
function runsStdin(name: string, args: readonly { value: string }[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!.value;
    if (a === '-' || (SHELLS.has(name) && a === '-s')) return true;
    if (a === '--') return SHELLS.has(name) ? false : i + 1 >= args.length || args[i + 1]!.value === '-';
    if (a === '-c' || a === '-m' || (a === '-e' && !SHELLS.has(name))) return false;
    if (a === '-o' && SHELLS.has(name)) {
      i++;
      continue;
    }
    if (!a.startsWith('-')) return false;
  }
  return true;
}

export default defineCheck({
  id: 'dockerfile-curl-pipe-shell',
  title: 'Dockerfile pipes a download into a shell',
  severity: 'high',
  category: 'images',
  description:
    '`curl … | sh` runs whatever the server sends, unverified, with the build\'s privileges (often root), and bakes ' +
    'the result into the image. A compromised install site, a DNS or TLS interception, or a truncated download (the ' +
    'shell runs the half it received) all become code in your image. Pipes into sh, bash, dash, ash, zsh, ksh and ' +
    'into python, perl, ruby or node are reported, and so is a shell running a command substitution of the download.',
  remediation:
    'Download to a file, verify its checksum or signature, then run it: `curl -fsSLo install.sh URL && echo ' +
    '"<sha256>  install.sh" | sha256sum -c - && sh install.sh`; better, install from the distribution\'s packages.',
  frameworks: { nsa: ['pod-security/secure-images'], owasp: ['K02'] },
  subject: 'dockerfile',
  run: ({ dockerfile, at }) => {
    const out: Issue[] = [];
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const reported = new Set<unknown>();
      for (const { command, pipeline, index, position } of runCommands(ins)) {
        const name = command.name;
        if (INTERPRETERS.has(name) && index > 0 && !reported.has(pipeline) && runsStdin(name, command.args)) {
          const source = pipeline.slice(0, index).find((c) => DOWNLOADERS.has(c.words[0]?.value.split('/').pop() ?? '') || c.words.some((w) => DOWNLOADERS.has(w.value)));
          if (source) {
            reported.add(pipeline);
            out.push(at(ins, `RUN pipes a download into ${name}: the script runs unverified`, { found: `${source.words.find((w) => DOWNLOADERS.has(w.value))?.value ?? 'curl'} … | ${name}`, expected: 'download, verify a checksum, then run' }, position));
            continue;
          }
        }
        if (SHELLS.has(name) && command.args.some((a) => SUBSTITUTED.test(a.value)) && !reported.has(pipeline)) {
          reported.add(pipeline);
          out.push(at(ins, `RUN has ${name} execute a download directly: the script runs unverified`, { found: `${name} … $(curl …)`, expected: 'download, verify a checksum, then run' }, position));
        }
      }
    }
    return out;
  },
  examples: {
    fail: [
      { yaml: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl \\\n && curl -fsSL https://deb.nodesource.com/setup_20.x | bash -\n', path: '/instructions/1', line: 3, column: 56 },
      'FROM alpine:3.19\nRUN wget -qO- https://get.example.com/install.sh | sudo sh -s -- --yes\n',
      'FROM debian:12\nRUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"\n',
      'FROM debian:12\nRUN <<EOF\nset -e\ncurl -fsSL https://sh.rustup.rs | sh -s -- -y\nEOF\n',
    ],
    pass: [
      'FROM ubuntu:24.04\nRUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n && echo "2f1c9e2d7b0a4c6e8f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c9d1e3f5a7b9c1d3e  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh\n',
      'FROM python:3.12\nRUN curl -fsSL https://example.com/data.json | python3 -m json.tool > /dev/null\nRUN cat <<EOF > /etc/motd\ncurl | sh is dangerous\nEOF\n',
    ],
  },
});
