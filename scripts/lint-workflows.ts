/** `npm run check`: lints .github/workflows/ offline with action-validator (schema) and yamllint (YAML), failing when either is missing. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The files named on the command line, else every workflow of the repository.
const folder = '.github/workflows';
const named = process.argv.slice(2);
const workflows =
  named.length > 0
    ? named
    : readdirSync(folder)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => join(folder, name));

/** Runs one linter over every workflow; true when it exists and passes. */
function run(label: string, command: string, args: readonly string[]): boolean {
  const result = spawnSync(command, [...args, ...workflows], { stdio: 'inherit' });
  if (result.error) {
    const hint = label === 'yamllint' ? ' (install it: apt-get install yamllint; .ci/run does)' : '';
    console.error(`wirefeed: ${label} could not run: ${result.error.message}${hint}`);
    return false;
  }
  if (result.status !== 0) console.error(`wirefeed: ${label} found problems in ${workflows.join(', ')}`);
  return result.status === 0;
}

// action-validator checks each file against the published GitHub Actions workflow JSON Schema (bundled: offline).
const validator = join(
  dirname(createRequire(import.meta.url).resolve('@action-validator/cli/package.json')),
  'cli.mjs',
);
const schemaOk = run('action-validator', process.execPath, [validator]);
const yamlOk = run('yamllint', 'yamllint', ['--strict', '--config-file', '.yamllint.yml']);
if (schemaOk && yamlOk) console.log(`wirefeed: workflows OK (${workflows.join(', ')})`);
process.exit(schemaOk && yamlOk ? 0 : 1);
