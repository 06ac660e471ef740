/**
 * Benchmark entry: `npm run bench -- <name> [args]`. Each benchmark is a module in bench/
 * exporting `run(argv: string[]): Promise<void>`. Benchmarks are never tests.
 */
import * as path from 'path';

const benches: Record<string, string> = {
  csv: './csv',
  engine: './engine',
  generate: './generate',
  pipeline: './pipeline',
};

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const target = name === undefined ? undefined : benches[name];
  if (target === undefined) {
    process.stderr.write(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]\n`);
    process.exitCode = 2;
    return;
  }
  const mod = (await import(path.join(__dirname, target))) as { run: (argv: string[]) => Promise<void> };
  await mod.run(rest);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
