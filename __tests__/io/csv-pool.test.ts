import { withoutPreloads } from '../../src/io/csv-pool';

describe('withoutPreloads', () => {
  it('drops the options that load code before the entry point and keeps the others', () => {
    expect(withoutPreloads(['--expose-gc', '-r', 'ts-node/register/transpile-only', '--max-old-space-size=4000', '--require=x', '--import', 'y', '--loader=z', '--cpu-prof'])).toEqual([
      '--expose-gc',
      '--max-old-space-size=4000',
      '--cpu-prof',
    ]);
    expect(withoutPreloads([])).toEqual([]);
  });
});
