// Writes docs/options.md from the option declarations (src/engine/options.ts).
import { writeFileSync } from 'node:fs';
import { optionsMarkdown } from '../src/engine/options-doc.js';

writeFileSync(new URL('../docs/options.md', import.meta.url), optionsMarkdown());
console.log('wrote docs/options.md');
