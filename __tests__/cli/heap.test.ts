import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BIG_INPUT_BYTES, HeapCheck, biggerHeapArgs, csvBytes, dataOption } from '../../src/cli/heap';

const GB = 1024 ** 3;
const big: HeapCheck = {
  argv: ['run', '--data', 'big', '--as-of', '2025-01-15'],
  execArgv: [],
  nodeOptions: undefined,
  heapLimitBytes: 4 * GB,
  totalMemoryBytes: 24 * GB,
  inputBytes: () => 12 * GB,
  relaunched: false,
};

describe('biggerHeapArgs', () => {
  it("restarts a run on big inputs with three quarters of the machine's memory as heap, keeping the node options and arguments", () => {
    expect(biggerHeapArgs({ ...big, execArgv: ['--enable-source-maps'] }, '/c360/dist/cli/main.js')).toEqual([
      '--max-old-space-size=18432',
      '--enable-source-maps',
      '/c360/dist/cli/main.js',
      'run',
      '--data',
      'big',
      '--as-of',
      '2025-01-15',
    ]);
    expect(biggerHeapArgs({ ...big, argv: ['test', '--data', 'big'] }, 'main.js')).not.toBeNull();
  });

  it('goes on as it is for small inputs, other commands, a heap limit the user set, a large enough heap, or a restarted process', () => {
    expect(biggerHeapArgs({ ...big, inputBytes: () => BIG_INPUT_BYTES - 1 }, 'main.js')).toBeNull();
    expect(biggerHeapArgs({ ...big, argv: ['generate', '--customers', '10000000'] }, 'main.js')).toBeNull();
    expect(biggerHeapArgs({ ...big, execArgv: ['--max-old-space-size=8000'] }, 'main.js')).toBeNull();
    expect(biggerHeapArgs({ ...big, nodeOptions: '--max-old-space-size=8000' }, 'main.js')).toBeNull();
    expect(biggerHeapArgs({ ...big, heapLimitBytes: 18432 * 1048576 }, 'main.js')).toBeNull();
    expect(biggerHeapArgs({ ...big, relaunched: true }, 'main.js')).toBeNull();
  });
});

describe('dataOption and csvBytes', () => {
  it('finds the data folder in either spelling of the option, and sums the CSV files two levels down', () => {
    expect(dataOption(['run', '--data', 'x'])).toBe('x');
    expect(dataOption(['run', '--data=y', '--quiet'])).toBe('y');
    expect(dataOption(['run'])).toBeUndefined();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c360-heap-'));
    fs.mkdirSync(path.join(dir, 'sales'));
    fs.writeFileSync(path.join(dir, 'sales', 'transactions.csv'), 'a,b\n1,2\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not counted');
    fs.writeFileSync(path.join(dir, 'top.CSV'), 'x\n');
    expect(csvBytes(dir)).toBe(10);
    expect(csvBytes(path.join(dir, 'missing'))).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
