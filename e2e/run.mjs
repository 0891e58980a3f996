// Runs the browser tests with Node's own test runner (all of them, or the files named):
//   node --import tsx --test e2e/*.test.ts
// The glob is expanded here because Node 20's --test does not expand globs itself.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(e2eDir);
// `node e2e/run.mjs e2e/clauses.test.ts` runs that file only; other arguments go to node --test.
const args = process.argv.slice(2);
const chosen = args.filter((a) => a.endsWith('.test.ts'));
const options = args.filter((a) => !a.endsWith('.test.ts'));
const files =
  chosen.length > 0
    ? chosen
    : readdirSync(e2eDir)
        .filter((name) => name.endsWith('.test.ts'))
        .sort()
        .map((name) => path.join('e2e', name));

if (files.length === 0) {
  console.error('no e2e/*.test.ts files found');
  process.exit(1);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...options, ...files], {
  cwd: repoRoot,
  stdio: 'inherit',
});
if (result.error) console.error(result.error);
process.exit(result.status ?? 1);
