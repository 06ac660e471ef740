import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dayFromCivil } from '../../src/generate/calendar';
import { CsvBuffer } from '../../src/generate/csvBuffer';
import { csvField, csvHeader } from '../../src/generate/csvText';
import { DateTable } from '../../src/generate/dateTable';
import { FileSink } from '../../src/generate/fileSink';

async function written(fill: (out: CsvBuffer) => void): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c360-csvbuffer-'));
  try {
    const file = path.join(dir, 'out.csv');
    const sink = new FileSink(file);
    const out = new CsvBuffer(sink, new DateTable(dayFromCivil(2020, 1, 1), dayFromCivil(2021, 12, 31)));
    fill(out);
    out.flush();
    const bytes = await sink.close();
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
    expect(bytes).toBe(fs.statSync(file).size);
    return fs.readFileSync(file, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('csvField', () => {
  it('quotes only fields with a comma, a quote or a line break, doubling inner quotes', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField("O'Brien")).toBe("O'Brien");
    expect(csvField('Smith, Jr.')).toBe('"Smith, Jr."');
    expect(csvField('Robert "Bob"')).toBe('"Robert ""Bob"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvHeader(['a', 'b,c'])).toBe('a,"b,c"\n');
  });
});

describe('CsvBuffer', () => {
  it('writes typed fields: ids, integers, cents, thousandths, dates, timestamps', async () => {
    const text = await written((out) => {
      out.id(new Uint8Array([84, 88, 78]), 42, 9);
      out.sep();
      out.int(0);
      out.sep();
      out.int(1234567);
      out.sep();
      out.cents(0);
      out.sep();
      out.cents(5);
      out.sep();
      out.cents(123456);
      out.sep();
      out.cents(-250);
      out.sep();
      out.milli(350);
      out.sep();
      out.tenths(45);
      out.sep();
      out.date(dayFromCivil(2020, 2, 29));
      out.sep();
      out.timestamp(dayFromCivil(2021, 12, 31), 23 * 3600 + 59 * 60 + 58);
      out.sep();
      out.date(dayFromCivil(1999, 7, 4));
      out.sep();
      out.pad(9876543210, 12);
      out.endRow();
    });
    expect(text).toBe('TXN000000042,0,1234567,0.00,0.05,1234.56,-2.50,0.350,4.5,2020-02-29,2021-12-31 23:59:58,1999-07-04,009876543210\n');
  });

  it('writes integers and cents right around every digit boundary', async () => {
    const ints = [0, 9, 10, 99, 100, 999, 1000, 9999, 10000, 99999, 100000, 2147483647, 2147483648, 9007199254740991, -42];
    const cents = [0, 1, 99, 100, 999999, 1000000, 123456789, -1, -100001];
    const text = await written((out) => {
      for (const n of ints) {
        out.int(n);
        out.sep();
      }
      for (const c of cents) {
        out.cents(c);
        out.sep();
      }
      out.endRow();
    });
    const expected = [...ints.map(String), '0.00', '0.01', '0.99', '1.00', '9999.99', '10000.00', '1234567.89', '-0.01', '-1000.01'];
    expect(text).toBe(`${expected.join(',')},\n`);
  });

  it('writes text as UTF-8 and quotes it only when needed', async () => {
    const text = await written((out) => {
      for (const v of ['Zoë', 'Smith, Jr.', 'Robert "Bob"', '山田', 'plain']) {
        out.text(v);
        out.sep();
      }
      out.endRow();
    });
    expect(text).toBe('Zoë,"Smith, Jr.","Robert ""Bob""",山田,plain,\n');
  });

  it('hands full chunks to the file and counts rows', async () => {
    let rows = 0;
    const text = await written((out) => {
      for (let i = 0; i < 100000; i++) {
        out.int(i);
        out.sep();
        out.ascii('some filler text to pass a megabyte');
        out.endRow();
      }
      rows = out.rows;
    });
    expect(rows).toBe(100000);
    const lines = text.split('\n');
    expect(lines.length).toBe(100001);
    expect(lines[99999]).toBe('99999,some filler text to pass a megabyte');
  });
});
