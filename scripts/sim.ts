// npm run sim -- <command>: the simulation from the command line. One table entry per subcommand;
// each implementation lives in scripts/sim/<command>.ts and returns the process exit code.
import { GENERATOR_KINDS } from "@/lib/sim";
import { runGenerateCommand } from "./sim/generate";
import { runListCommand } from "./sim/list";
import { runRunCommand } from "./sim/run";
import { runScheduleCommand } from "./sim/schedule";

type Command = { usage: string; run: (argv: string[]) => Promise<number> };

const COMMANDS: Record<string, Command> = {
  list: {
    usage: "list                                   scenarios, their parameters, defaults and bounds",
    run: runListCommand,
  },
  run: {
    usage:
      "run <id> [--<param> <value>]... [--seed N] [--faults <json>] [--json | --hash]   run a scenario" +
      " (with faults added); exit 1 if a claim fails",
    run: runRunCommand,
  },
  generate: {
    usage:
      "generate <kind> [--seed N] [--json]   a question answered by the simulation (" +
      `${GENERATOR_KINDS.join(", ")})`,
    run: runGenerateCommand,
  },
  schedule: {
    usage:
      "schedule --nodes <file> --pod <file> [--pods <file>] [--config <file>] [--json]   why a pod lands on a node",
    run: runScheduleCommand,
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    console.error(
      `${name === undefined ? "missing command" : `unknown command "${name}"`}. Usage: npm run sim -- <command>\n`,
    );
    for (const c of Object.values(COMMANDS)) console.error(`  ${c.usage}`);
    return 2;
  }
  return command.run(rest);
}

process.exitCode = await main(process.argv.slice(2));
