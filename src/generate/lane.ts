import * as path from 'path';
import { setImmediate as yieldToEventLoop } from 'timers/promises';
import { GenContext, GenerateSettings } from './context';
import { CsvBuffer } from './csvBuffer';
import { csvHeader } from './csvText';
import { CustomerCore } from './customerCore';
import { addDirtCounts, DirtCounts, emptyDirtCounts } from './dirt';
import { AppSessions, Tickets } from './engagement';
import { FILE_LAYOUTS, GeneratedFileName, relativePath } from './files';
import { FileSink } from './fileSink';
import { CustomerIdentity } from './identity';
import { Purchases } from './purchases';
import { Shipping } from './shipping';
import { WRITERS } from './writers';
import { CustomerState, RowWriter } from './writers/rowWriter';

/** Rows and bytes of one written file. */
export interface FileResult {
  readonly file: GeneratedFileName;
  readonly rows: number;
  readonly bytes: number;
}

/** What one lane wrote. */
export interface LaneResult {
  readonly files: FileResult[];
  readonly dirt: DirtCounts;
}

/** Customers between two looks at the output streams (yield, back-pressure, progress). */
const CHECK_EVERY = 2048;

/**
 * Writes a set of files in the current thread with one pass over all customers: each customer
 * is simulated once (only the parts the files need) and handed to each file's writer. A file's
 * bytes depend only on the settings, never on which other files share its lane.
 */
export async function runLane(
  settings: GenerateSettings,
  files: readonly GeneratedFileName[],
  outDir: string,
  onProgress?: (customersDone: number) => void,
): Promise<LaneResult> {
  const ctx = new GenContext(settings);
  const sinks: FileSink[] = [];
  const buffers: CsvBuffer[] = [];
  const writers: RowWriter[] = [];
  try {
    for (const file of files) {
      const sink = new FileSink(path.join(outDir, relativePath(file)));
      sinks.push(sink);
      const out = new CsvBuffer(sink, ctx.dates);
      out.header(csvHeader(FILE_LAYOUTS[file].columns));
      buffers.push(out);
      writers.push(WRITERS[file].create(ctx, out));
    }
    const perCustomer = writers.filter((w) => w.customer !== undefined);
    if (perCustomer.length > 0) await writeCustomers(ctx, files, perCustomer, sinks, onProgress);
    for (const w of writers) w.finish?.();
    for (const b of buffers) b.flush();
    const results: FileResult[] = [];
    for (let f = 0; f < files.length; f++) {
      const bytes = await sinks[f].close();
      results.push({ file: files[f], rows: buffers[f].rows, bytes });
    }
    const dirt = emptyDirtCounts();
    for (const w of writers) addDirtCounts(dirt, w.dirt);
    return { files: results, dirt };
  } catch (err) {
    await Promise.all(sinks.map((s) => s.abort()));
    throw err;
  }
}

async function writeCustomers(
  ctx: GenContext,
  files: readonly GeneratedFileName[],
  writers: RowWriter[],
  sinks: FileSink[],
  onProgress?: (customersDone: number) => void,
): Promise<void> {
  const needs = { identity: false, purchases: false, shipping: false, app: false, tickets: false };
  for (const file of files) {
    const n = WRITERS[file].needs;
    if (n === undefined) continue;
    needs.identity ||= n.identity === true;
    needs.purchases ||= n.purchases === true || n.shipping === true;
    needs.shipping ||= n.shipping === true;
    needs.app ||= n.app === true;
    needs.tickets ||= n.tickets === true;
  }
  const state: CustomerState = {
    core: new CustomerCore(ctx),
    identity: new CustomerIdentity(ctx),
    purchases: new Purchases(ctx),
    shipping: new Shipping(ctx),
    app: new AppSessions(ctx),
    tickets: new Tickets(ctx),
  };
  const { core, identity, purchases, shipping, app, tickets } = state;
  const write = writers.map((w) => w.customer?.bind(w) ?? (() => undefined));
  const count = ctx.customers;
  for (let i = 0; i < count; i++) {
    core.load(i);
    if (needs.identity) identity.load(core);
    if (needs.purchases) purchases.simulate(core);
    if (needs.shipping) shipping.simulate(core, purchases);
    if (needs.app) app.simulate(core);
    if (needs.tickets) tickets.simulate(core);
    for (let w = 0; w < write.length; w++) write[w](state);
    if (i % CHECK_EVERY === CHECK_EVERY - 1) {
      // Let queued writes start, and wait when a file's stream asks for it.
      await yieldToEventLoop();
      for (const sink of sinks) if (sink.blocked) await sink.drain();
      onProgress?.(i + 1);
    }
  }
  onProgress?.(count);
}
