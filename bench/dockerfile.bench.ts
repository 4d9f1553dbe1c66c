/**
 * Dockerfile benchmark: `kubeward dockerfile scan`'s work (parse + every Dockerfile check) against
 * parse-only, on a generated set of ~10,000 lines of realistic Dockerfiles, in one run.
 *
 *   node --import tsx bench/dockerfile.bench.ts          # 10,000 lines
 *   node --import tsx bench/dockerfile.bench.ts 100000   # another size
 */
import { CHECKS } from '../src/checks/index.js';
import { isDockerfileCheck, runDockerfileChecks } from '../src/engine/run-dockerfile-checks.js';
import { parseDockerfile } from '../src/sources/dockerfile/parse.js';

const targetLines = Number(process.argv[2] ?? 10_000);

/** One Dockerfile of a few dozen lines; `n` varies names, versions and which mistakes it makes. */
function dockerfile(n: number): string {
  const pin = n % 3 === 0 ? `@sha256:${(n * 7919).toString(16).padStart(64, '0')}` : '';
  const lines = [
    '# syntax=docker/dockerfile:1.7',
    `ARG BASE=debian:12.${n % 10}-slim${pin}`,
    `ARG APP_VERSION=1.${n % 50}.0`,
    '',
    `FROM golang:1.22.${n % 6} AS build${n}`,
    'WORKDIR /src',
    'COPY go.mod go.sum ./',
    'RUN --mount=type=cache,target=/go/pkg/mod go mod download',
    'COPY . .',
    'RUN --mount=type=cache,target=/go/pkg/mod \\',
    '    --mount=type=cache,target=/root/.cache/go-build \\',
    `    CGO_ENABLED=0 go build -ldflags "-X main.version=\${APP_VERSION}" -o /out/app${n} ./cmd/app`,
    'RUN <<EOF',
    'set -eu',
    `/out/app${n} --version`,
    'test -x /out/app' + n,
    'EOF',
    '',
    'FROM ${BASE}',
    `LABEL org.opencontainers.image.title="service-${n}" \\`,
    `      org.opencontainers.image.version="\${APP_VERSION}"`,
    `ENV APP_HOME=/srv/app${n} \\`,
    '    LOG_LEVEL=info \\',
    n % 4 === 0 ? '    DB_PASSWORD=changeme' : '    DB_PASSWORD_FILE=/run/secrets/db',
    'RUN apt-get update \\',
    '    && apt-get install -y --no-install-recommends \\',
    '        ca-certificates=20230311 \\',
    n % 2 === 0 ? '        curl \\' : '        curl=7.88.1-10+deb12u5 \\',
    '        tini=0.19.0-1 \\',
    n % 5 === 0 ? '    && echo done' : '    && rm -rf /var/lib/apt/lists/*',
    n % 7 === 0 ? 'RUN curl -fsSL https://example.com/install.sh | sh' : 'RUN echo "no remote scripts"',
    n % 6 === 0 ? 'ADD config/ /etc/app/' : 'COPY config/ /etc/app/',
    `COPY --from=build${n} /out/app${n} /usr/local/bin/app`,
    '# the service listens on 8080',
    n % 9 === 0 ? 'EXPOSE 8080 22' : 'EXPOSE 8080',
    'RUN groupadd --gid 10001 app \\',
    ' && useradd --uid 10001 --gid app --no-create-home app',
    n % 8 === 0 ? 'USER root' : 'USER 10001:10001',
    n % 3 === 0 ? 'HEALTHCHECK --interval=30s CMD ["app", "health"]' : '',
    'ENTRYPOINT ["tini", "--", "app"]',
    'CMD ["serve", "--port", "8080"]',
  ];
  return lines.join('\n') + '\n';
}

const files: { name: string; text: string }[] = [];
let lines = 0;
for (let n = 0; lines < targetLines; n++) {
  const text = dockerfile(n);
  files.push({ name: `svc-${n}/Dockerfile`, text });
  lines += text.split('\n').length - 1;
}
const checks = CHECKS.filter(isDockerfileCheck);

/**
 * Minimum CPU time (user + system, all of the process's threads) of each function over `runs`
 * rounds, measured alternately. CPU time, not wall time: on a shared machine wall time mostly
 * measures how long the process waited for a core.
 */
function bestOfEach(fns: (() => unknown)[], runs = 30): number[] {
  for (const fn of fns) fn();
  const min = fns.map(() => Infinity);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, k) => {
      const t0 = process.cpuUsage();
      fn();
      const d = process.cpuUsage(t0);
      min[k] = Math.min(min[k]!, (d.user + d.system) / 1000);
    });
  }
  return min;
}

const parseOnly = () => files.map((f) => parseDockerfile(f.text, f.name));
const scan = () => runDockerfileChecks(checks, files.map((f) => parseDockerfile(f.text, f.name)));
const findings = scan();
const [tParse, tScan] = bestOfEach([parseOnly, scan]) as [number, number];
const bytes = files.reduce((n, f) => n + f.text.length, 0);
console.log(`dockerfile benchmark: ${files.length} Dockerfiles, ${lines} lines, ${(bytes / 1e6).toFixed(2)} MB, ${checks.length} checks, ${findings.length} findings`);
console.log(`  parse only          ${tParse.toFixed(1)} ms CPU  (${(lines / tParse).toFixed(0)} lines/ms)`);
console.log(`  parse + all checks  ${tScan.toFixed(1)} ms CPU`);
console.log(`  scan ÷ parse = ${(tScan / tParse).toFixed(2)}×`);
