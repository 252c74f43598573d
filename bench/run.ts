/**
 * `npm run bench [-- registry|import] [--smoke] [--households N] [--pglite] [--csv N,N] [--xlsx N] [--keep DIR]`
 *
 *   registry  demo-city generation, household search and listing through the API (bench/registry.ts)
 *   import    household-roster imports: dry run, commit, peak memory, against a plain COPY (bench/import.ts)
 *
 * Both run when neither is named. BENCH_DATABASE_URL selects a PostgreSQL server (scratch databases are created and
 * dropped there); without it the registry part runs on in-memory PGlite and the import part is skipped. `--smoke`
 * runs a tiny version of each for CI; `--households N` sizes the registry part, `--csv` / `--xlsx` the import files
 * (members per file); `--keep DIR` keeps the generated roster files there and reuses them.
 */
import { runImportBench } from './import.js';
import { runRegistryBench } from './registry.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (name: string) => flag(name)?.split(',').map((s) => Number(s.replace(/_/g, '')));
const smoke = args.includes('--smoke');
const serverUrl = args.includes('--pglite') ? undefined : process.env.BENCH_DATABASE_URL;
const parts = ['registry', 'import'].filter((p) => args.includes(p));
const run = parts.length ? parts : ['registry', 'import'];

if (run.includes('registry')) {
  await runRegistryBench({ households: Number(flag('--households') ?? (smoke ? 2_000 : 100_000)), smoke, serverUrl });
}
if (run.includes('import')) {
  if (run.includes('registry')) console.log('');
  const csv = sizes('--csv');
  const xlsx = sizes('--xlsx');
  const keep = flag('--keep');
  await runImportBench({ smoke, serverUrl, ...(csv ? { csv } : {}), ...(xlsx ? { xlsx } : {}), ...(keep ? { keep } : {}) });
}
