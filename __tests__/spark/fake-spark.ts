/**
 * A stand-in for spark-sql: a bash script that records each call (its arguments and the SQL file
 * it was given) and, when the SQL writes the product, writes a product CSV as Spark would.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A fake spark-sql launcher and where it records its calls. */
export interface FakeSpark {
  readonly bin: string;
  readonly dir: string;
  /** The argument lines of each call, in order. */
  calls(): string[];
  /** The SQL file given to call i (0-based). */
  sql(i: number): string;
  /** Removes the fake and its records. */
  remove(): void;
}

const fakes: string[] = [];

/** Removes every fake made so far (call it in afterAll). */
export function removeFakes(): void {
  for (const d of fakes.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/**
 * Makes a fake spark-sql. `productCsv` is written as the product's part file when the SQL writes
 * the product; `fail` makes every call print an error and exit 1.
 */
export function fakeSpark(options: { productCsv?: string; fail?: string } = {}): FakeSpark {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c360-fake-spark-'));
  fakes.push(dir);
  const bin = path.join(dir, 'spark-sql');
  fs.writeFileSync(path.join(dir, 'product.csv'), options.productCsv ?? '');
  const script = `#!/usr/bin/env bash
set -euo pipefail
dir=${JSON.stringify(dir)}
n=$(ls "$dir" | grep -c '^call-' || true)
printf '%s\\n' "$*" > "$dir/call-$n.args"
file=''
while [ $# -gt 0 ]; do
  if [ "$1" = "-f" ]; then file="$2"; fi
  shift
done
cp "$file" "$dir/call-$n.sql"
${options.fail === undefined ? '' : `echo ${JSON.stringify(options.fail)} >&2; exit 1`}
out=$(sed -n 's/^SET c360.output=\\(.*\\);$/\\1/p' "$file" | head -1)
if grep -q "INSERT OVERWRITE DIRECTORY '\\\${c360.output}/customer_analytics_c360'" "$file"; then
  mkdir -p "$out/customer_analytics_c360"
  cp "$dir/product.csv" "$out/customer_analytics_c360/part-00000-fake.csv"
  touch "$out/customer_analytics_c360/_SUCCESS"
fi
echo "fake spark-sql: ran $file"
`;
  fs.writeFileSync(bin, script, { mode: 0o755 });
  const callFiles = (ext: string): string[] =>
    fs
      .readdirSync(dir)
      .filter((f) => f.startsWith('call-') && f.endsWith(ext))
      .sort((a, b) => Number(a.split(/[-.]/)[1]) - Number(b.split(/[-.]/)[1]));
  return {
    bin,
    dir,
    calls: () => callFiles('.args').map((f) => fs.readFileSync(path.join(dir, f), 'utf8').trim()),
    sql: (i) => fs.readFileSync(path.join(dir, callFiles('.sql')[i]!), 'utf8'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
