/** Rewrites the generated docs (docs/RULES.md) from the code. Run with `npm run docs`. */
import * as fs from 'fs';
import * as path from 'path';
import { renderRulesDoc } from '../src/report/rules-doc';

const target = path.join(__dirname, '..', 'docs', 'RULES.md');
fs.writeFileSync(target, renderRulesDoc());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
