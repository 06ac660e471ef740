/**
 * `c360 lineage`: prints the model graph (input files → models, layer by layer) as Mermaid,
 * Graphviz DOT, SVG or JSON, or writes it to a file.
 */
import * as fs from 'fs';
import { Argv, CommandModule } from 'yargs';
import { buildGraph } from '../../dag/graph';
import { discoverModels } from '../../dag/registry';
import { shownPath } from '../format';
import { LINEAGE_FORMATS, LineageFormat, lineageGraph, renderLineage } from '../../report/lineage';

/** The options of `c360 lineage`. */
export interface LineageArgs {
  readonly format: string;
  readonly models?: readonly string[];
  readonly out?: string;
}

function builder(y: Argv): Argv<LineageArgs> {
  return y
    .usage('$0 lineage [options]\n\nPrints the model graph: the input files each model reads and the models it reads, layer by layer.')
    .option('format', { type: 'string', default: 'mermaid', choices: [...LINEAGE_FORMATS], describe: 'mermaid (paste into Markdown), dot (Graphviz), svg (a picture), json (nodes and edges)' })
    .option('models', { type: 'string', array: true, describe: 'your own models folder, laid out like the built-in one (<dir>/<layer>/*.js); repeatable' })
    .option('out', { type: 'string', describe: 'write to this file instead of printing' })
    .example('$0 lineage', 'the graph as a Mermaid flowchart')
    .example('$0 lineage --format dot | dot -Tpng -o lineage.png', 'a picture with Graphviz')
    .example('$0 lineage --format svg --out lineage.svg', 'a picture without Graphviz')
    .example('$0 lineage --models ./my_models --format json', 'with your own models, as JSON') as unknown as Argv<LineageArgs>;
}

/** Renders the lineage of the built-in (and the given) models; prints it, or writes it to `out` and says so. */
export function lineageCommand(args: LineageArgs, stdout: NodeJS.WritableStream = process.stdout): void {
  const graph = buildGraph(discoverModels({ modelDirs: args.models }));
  const text = renderLineage(lineageGraph(graph), args.format as LineageFormat);
  if (args.out === undefined) stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  else {
    fs.writeFileSync(args.out, text);
    stdout.write(`Wrote ${shownPath(args.out)} (${graph.order.length} models, ${args.format})\n`);
  }
}

/** The `lineage` command module. */
const lineage: CommandModule<object, LineageArgs> = {
  command: 'lineage',
  describe: 'print the model graph (mermaid, dot, svg or json)',
  builder,
  handler: (args) => lineageCommand(args),
};

export default lineage;
