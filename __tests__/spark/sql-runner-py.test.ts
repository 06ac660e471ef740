import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sqlRunnerPy } from '../../src/spark/sql-runner-py';

const hasPython = spawnSync('python3', ['--version']).status === 0;

/** Runs the generated runner's `statements` on a text, with pyspark stubbed out. */
function split(sql: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c360-runner-py-'));
  try {
    fs.writeFileSync(path.join(dir, 'runner.py'), sqlRunnerPy());
    fs.mkdirSync(path.join(dir, 'pyspark', 'sql'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'pyspark', '__init__.py'), 'SparkFiles = None\n');
    fs.writeFileSync(path.join(dir, 'pyspark', 'sql', '__init__.py'), 'SparkSession = None\n');
    const code = 'import json, sys, runner; print(json.dumps(runner.statements(sys.stdin.read())))';
    const r = spawnSync('python3', ['-c', code], { cwd: dir, input: sql, encoding: 'utf8', env: { ...process.env, PYTHONPATH: dir } });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as string[];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

(hasPython ? describe : describe.skip)('c360_sql_runner.py', () => {
  it('splits at semicolons outside quotes, backquotes and comments', () => {
    const sql = "SET c360.as_of=2024-12-31;\n-- a comment; with 'quotes'\nSELECT 'a;b', \"q\\\"; \", `x;y` FROM t;\n;\nSELECT 2";
    expect(split(sql)).toEqual(['SET c360.as_of=2024-12-31', "SELECT 'a;b', \"q\\\"; \", `x;y` FROM t", 'SELECT 2']);
  });

  it('keeps escaped quotes inside string literals', () => {
    expect(split("SELECT 'O\\'Brien; x' AS n;")).toEqual(["SELECT 'O\\'Brien; x' AS n"]);
  });
});
