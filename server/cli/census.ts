// `npm run census -- <command> …`: the census command line. A router of subcommands; `check`
// now, the sync issue adds `admin …`. Each command returns its exit code; nothing here calls
// process.exit, so output is flushed before the process ends.
import { adminUsage, runAdmin } from './admin';
import { checkUsage, runCheck, type Io } from './check';
import { formsPublishUsage, runFormsPublish } from './forms-publish';

type Command = (args: string[], io: Io) => Promise<number>;

const commands: Readonly<Record<string, { run: Command; usage: string }>> = {
  check: { run: runCheck, usage: checkUsage },
  admin: { run: runAdmin, usage: adminUsage },
  forms: { run: runFormsPublish, usage: formsPublishUsage },
};

const usage = `用法 / Usage: npm run census -- <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(8)}${c.usage.split('\n')[2]?.trim() ?? ''}`)
  .join('\n')}

census <command> --help for a command's options.`;

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(`${usage}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(`未知命令 / Unknown command: ${name}\n\n${usage}\n`);
    return 2;
  }
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
