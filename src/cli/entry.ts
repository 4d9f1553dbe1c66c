// The process entry: bin/kubeward.js loads the compiled copy of this file.
import './production-env.js'; // first: before main.js (and React) load
import { main } from './main.js';

// A closed or broken stdout (`kubeward ... | head`, a full disk) ends the run with one line and exit 2, never a
// stack trace and never exit 1 (which means "findings found").
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  const why = err.code === 'EPIPE' ? 'the reader closed it early' : err.message;
  process.stderr.write(`kubeward: cannot write the output (${why}): it is incomplete\n`);
  process.exit(2);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`kubeward: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
