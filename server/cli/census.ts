// `npm run census -- <command> …`: the census command line. A router of subcommands: `check`,
// `admin …`, `forms …`. Each command returns its exit code; nothing here calls
// process.exit, so output is flushed before the process ends.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Io } from './check';

interface Command {
  run: (args: string[], io: Io) => Promise<number>;
  usage: string;
}

// Each command's module is loaded when it is run: `forms` starts without the rule engine or the
// server store, and the general help loads them all.
const commands: Readonly<Record<string, () => Promise<Command>>> = {
  check: async () => {
    const m = await import('./check');
    return { run: m.runCheck, usage: m.checkUsage };
  },
  admin: async () => {
    const m = await import('./admin');
    return { run: m.runAdmin, usage: m.adminUsage };
  },
  forms: async () => {
    const m = await import('./forms');
    return { run: m.runForms, usage: m.formsUsage };
  },
};

async function usage(): Promise<string> {
  const lines = await Promise.all(Object.entries(commands).map(async ([name, load]) => `  ${name.padEnd(8)}${(await load()).usage.split('\n')[2]?.trim() ?? ''}`));
  return `用法 / Usage: npm run census -- <command> [options]

Commands:
${lines.join('\n')}

census <command> --help for a command's options.`;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(`${await usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    io.err(`未知命令 / Unknown command: ${name}\n\n${await usage()}\n`);
    return 2;
  }
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  return command.run(args, io);
}

const io: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

// Run as the program (`tsx server/cli/census.ts …`), not when a test imports main().
const invoked = process.argv[1];
if (invoked !== undefined && import.meta.url === pathToFileURL(path.resolve(invoked)).href) {
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(e);
      // A bug, not bad input: still not 0 or 1, which mean "checked".
      process.exitCode = 3;
    },
  );
}
