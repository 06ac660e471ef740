import * as fs from 'fs';
import * as path from 'path';
import { renderRulesDoc } from '../../src/report/rules-doc';

describe('renderRulesDoc', () => {
  it('matches the committed docs/RULES.md (run `npm run docs` after changing src/models/rules.ts)', () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'RULES.md'), 'utf8');
    expect(committed).toBe(renderRulesDoc());
  });

  it('states the status thresholds the models use', () => {
    expect(renderRulesDoc()).toContain('| <= 30 | Active |');
    expect(renderRulesDoc()).toContain('| <= 90 | At Risk |');
  });
});
