import { UsageError } from '../../src/errors';
import { dayFromCivil } from '../../src/generate/calendar';
import { DEFAULT_DIRTY_RATE, DEFAULT_SEED, parseAsOf, resolveSettings, resolveWorkers } from '../../src/generate/options';

const base = { customers: 10, asOf: '2025-01-15', outDir: '/tmp/x' };

describe('resolveSettings', () => {
  it('fills in the default seed and dirt rate', () => {
    expect(resolveSettings(base)).toEqual({
      customers: 10,
      seed: DEFAULT_SEED,
      asOf: '2025-01-15',
      asOfDay: dayFromCivil(2025, 1, 15),
      dirtyRate: DEFAULT_DIRTY_RATE,
    });
    expect(DEFAULT_DIRTY_RATE).toBeGreaterThan(0);
    expect(DEFAULT_DIRTY_RATE).toBeLessThan(0.05);
  });

  it.each([
    [{ customers: 0 }, /customers must be a whole number from 1/],
    [{ customers: 2.5 }, /customers/],
    [{ customers: Number.NaN }, /customers/],
    [{ customers: 50_000_001 }, /customers/],
    [{ seed: -1 }, /seed/],
    [{ seed: 2 ** 32 }, /seed/],
    [{ seed: 1.5 }, /seed/],
    [{ dirtyRate: -0.1 }, /dirty rate/],
    [{ dirtyRate: 1.01 }, /dirty rate/],
    [{ dirtyRate: Number.NaN }, /dirty rate/],
    [{ asOf: '2024-02-30' }, /as-of date must be a real date/],
    [{ asOf: '15/01/2025' }, /as-of date must be a real date/],
    [{ asOf: '1969-12-31' }, /between 1970-01-01 and 2999-12-31/],
    [{ outDir: '' }, /output folder/],
  ])('rejects %p with a UsageError', (change, message) => {
    const call = (): unknown => resolveSettings({ ...base, ...change });
    expect(call).toThrow(UsageError);
    expect(call).toThrow(message);
  });
});

describe('parseAsOf', () => {
  it('returns the day number of a real date', () => {
    expect(parseAsOf('2024-02-29')).toBe(dayFromCivil(2024, 2, 29));
  });
});

describe('resolveWorkers', () => {
  it('uses the calling thread for small data and validates an explicit count', () => {
    expect(resolveWorkers(undefined, 1000)).toBe(0);
    expect(resolveWorkers(3, 10)).toBe(3);
    expect(resolveWorkers(undefined, 1_000_000)).toBeLessThanOrEqual(4);
    expect(() => resolveWorkers(-1, 10)).toThrow(UsageError);
    expect(() => resolveWorkers(17, 10)).toThrow(UsageError);
  });
});
