import { heapLimitMB, setsHeapLimit } from '../../src/dag/heap';

describe('heapLimitMB', () => {
  it("gives a c360 process three quarters of the machine's memory as heap, and never less than V8's usual 4 GB", () => {
    expect(heapLimitMB(24 * 1024 ** 3)).toBe(18432);
    expect(heapLimitMB(4 * 1024 ** 3)).toBe(4096);
  });
});

describe('setsHeapLimit', () => {
  it('sees a heap limit given on the command line or in NODE_OPTIONS, and nothing else', () => {
    expect(setsHeapLimit(['--max-old-space-size=8000'], undefined)).toBe(true);
    expect(setsHeapLimit([], '--enable-source-maps --max-old-space-size=8000')).toBe(true);
    expect(setsHeapLimit(['--stack-size=2000'], '--enable-source-maps')).toBe(false);
  });
});
