import { createProgress } from '../../src/cli/progress';

/** A terminal-like stream that records what is written. */
function fakeStream(isTTY: boolean, columns = 80): { stream: NodeJS.WriteStream; output: string[] } {
  const output: string[] = [];
  const stream = {
    isTTY,
    columns,
    write: (chunk: string): boolean => {
      output.push(chunk);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, output };
}

describe('createProgress', () => {
  it('draws nothing when the stream is not a terminal', () => {
    const { stream, output } = fakeStream(false);
    const bar = createProgress(stream, 'generating');
    bar.update(5, 10);
    bar.update(10, 10);
    bar.done();
    expect(output).toEqual([]);
  });

  it('draws a bar with the label and percentage, redrawn in place with \\r', () => {
    const { stream, output } = fakeStream(true);
    let clock = 0;
    const bar = createProgress(stream, 'generating', { now: () => clock });
    bar.update(1, 4);
    expect(output).toEqual([`\rgenerating [${'#'.repeat(8)}${'-'.repeat(22)}]  25%`]);
    clock = 500;
    bar.update(3, 4);
    expect(output[1]).toBe(`\rgenerating [${'#'.repeat(23)}${'-'.repeat(7)}]  75%`);
  });

  it('redraws at most every 100 ms, but always draws the end', () => {
    const { stream, output } = fakeStream(true);
    let clock = 1000;
    const bar = createProgress(stream, 'x', { now: () => clock });
    bar.update(1, 100);
    for (let i = 2; i < 100; i++) {
      clock += 10;
      bar.update(i, 100);
    }
    expect(output.length).toBe(10);
    bar.update(100, 100);
    expect(output[output.length - 1]).toContain('100%');
  });

  it('erases the bar when done and ignores later updates', () => {
    const { stream, output } = fakeStream(true);
    const bar = createProgress(stream, 'reading', { now: () => 0 });
    bar.update(10, 10);
    const drawn = output[0].length - 1;
    bar.done();
    expect(output[1]).toBe(`\r${' '.repeat(drawn)}\r`);
    bar.update(5, 10);
    bar.done();
    expect(output.length).toBe(2);
  });

  it('erases nothing when nothing was drawn, and fits narrow terminals', () => {
    const { stream, output } = fakeStream(true, 20);
    const quiet = createProgress(stream, 'idle');
    quiet.done();
    expect(output).toEqual([]);
    const bar = createProgress(stream, 'a rather long label', { now: () => 0 });
    bar.update(1, 2);
    expect(output[0].length).toBeLessThanOrEqual(20);
    expect(output[0]).toContain('50%');
  });
});
