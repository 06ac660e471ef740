import { civilFromDay, dayFromCivil, daysInMonth, formatIsoDay, formatTimestamp, parseIsoDay, weekday } from '../../src/generate/calendar';

describe('dayFromCivil', () => {
  it('counts days from 1970-01-01 like Date.UTC, across centuries and leap days', () => {
    for (const [y, m, d] of [[1970, 1, 1], [1969, 12, 31], [1900, 3, 1], [2000, 2, 29], [2024, 2, 29], [2025, 1, 15], [2100, 12, 31], [1600, 1, 1]]) {
      expect(dayFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86400000);
    }
  });
});

describe('civilFromDay', () => {
  it('inverts dayFromCivil on every day of four centuries', () => {
    const bad: number[] = [];
    for (let day = dayFromCivil(1800, 1, 1); day <= dayFromCivil(2200, 12, 31); day++) {
      const [y, m, d] = civilFromDay(day);
      if (dayFromCivil(y, m, d) !== day || d > daysInMonth(y, m)) bad.push(day);
    }
    expect(bad).toEqual([]);
  });
});

describe('weekday', () => {
  it('numbers days 0 = Sunday to 6 = Saturday', () => {
    expect(weekday(dayFromCivil(1970, 1, 1))).toBe(4);
    expect(weekday(dayFromCivil(2025, 1, 15))).toBe(3);
    expect(weekday(dayFromCivil(1969, 12, 28))).toBe(0);
  });
});

describe('parseIsoDay', () => {
  it('reads real YYYY-MM-DD dates only', () => {
    expect(parseIsoDay('2025-01-15')).toBe(dayFromCivil(2025, 1, 15));
    expect(parseIsoDay('2024-02-29')).toBe(dayFromCivil(2024, 2, 29));
    for (const bad of ['2023-02-29', '2024-02-30', '2024-13-01', '2024-00-10', '2024-1-5', '2024/01/05', '20240105', '', '2024-01-05 10:00:00']) {
      expect([bad, parseIsoDay(bad)]).toEqual([bad, undefined]);
    }
  });
});

describe('formatIsoDay', () => {
  it('writes YYYY-MM-DD and timestamps as YYYY-MM-DD HH:MM:SS', () => {
    expect(formatIsoDay(dayFromCivil(2025, 1, 5))).toBe('2025-01-05');
    expect(formatIsoDay(dayFromCivil(987, 12, 31))).toBe('0987-12-31');
    expect(formatTimestamp(dayFromCivil(2024, 2, 29), 13 * 3600 + 5 * 60 + 9)).toBe('2024-02-29 13:05:09');
  });
});
