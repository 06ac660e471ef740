import * as fs from 'fs';
import { generate } from '../../src/generate';
import { hashFiles, tempDir } from './generatedData';

describe('generate', () => {
  it('writes the same bytes with worker threads as in the calling thread', async () => {
    const [one, two] = [tempDir('thread'), tempDir('workers')];
    try {
      const options = { customers: 3000, seed: 11, asOf: '2024-03-01', dirtyRate: 0.02 };
      const inThread = await generate({ ...options, outDir: one, workers: 0 });
      const inWorkers = await generate({ ...options, outDir: two, workers: 2 });
      expect(inThread.workers).toBe(0);
      expect(inWorkers.workers).toBe(2);
      expect(hashFiles(two)).toEqual(hashFiles(one));
      expect(inWorkers.files).toEqual(inThread.files);
      expect(inWorkers.dirt).toEqual(inThread.dirt);
    } finally {
      for (const d of [one, two]) fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
