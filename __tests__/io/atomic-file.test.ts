import * as fs from 'fs';
import * as path from 'path';
import { writeAtomically } from '../../src/io/atomic-file';
import { tempFolder } from './files';

const tmp = tempFolder('atomic');
afterAll(() => tmp.cleanup());

describe('writeAtomically', () => {
  it('replaces the file with everything written, leaving no temporary file', async () => {
    const dir = fs.mkdtempSync(path.join(tmp.dir, 'ok-'));
    const file = path.join(dir, 'f.txt');
    fs.writeFileSync(file, 'old');
    await writeAtomically(file, async (sink) => {
      await sink.write('new ');
      await sink.write(Buffer.from('content'));
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('new content');
    expect(fs.readdirSync(dir)).toEqual(['f.txt']);
  });

  it('keeps the old file and removes the temporary one when the producer fails after writing', async () => {
    const dir = fs.mkdtempSync(path.join(tmp.dir, 'fail-'));
    const file = path.join(dir, 'f.txt');
    fs.writeFileSync(file, 'old');
    let tempSeen = '';
    await expect(
      writeAtomically(file, async (sink) => {
        await sink.write('partial');
        tempSeen = fs.readdirSync(dir).find((f) => f !== 'f.txt') ?? '';
        throw new Error('producer failed');
      }),
    ).rejects.toThrow('producer failed');
    expect(tempSeen).toMatch(/^f\.txt\.tmp-\d+-[0-9a-f]{12}$/);
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['f.txt']);
  });
});
