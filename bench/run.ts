/**
 * `npm run bench [-- registry|import|assessment|verification|preassessment|comparison] [--smoke] [--households N] [--pglite] [--csv N,N] [--xlsx N] [--keep DIR] [--without-lists] [--keep-database NAME]`
 *
 *   registry  demo-city generation, household search and listing through the API (bench/registry.ts)
 *   import    household-roster imports: dry run, commit, peak memory, against a plain COPY (bench/import.ts)
 *   assessment  the 两不愁三保障 assessment: city-wide and one-household refreshes, a standard change, reads (bench/assessment.ts)
 *   verification  the built-in rule catalogue plus the assessment, against hand-written SQL; precision and recall (bench/verification.ts)
 *   preassessment  income projection, the below-the-line list and gap-closing plans (bench/preassessment.ts)
 *   comparison  department datasets: matching and the comparison rules, against hand-written SQL (bench/comparison.ts;
 *               `--dataset-rows N` pads every dataset to N rows)
 *
 * All run when none is named. BENCH_DATABASE_URL selects a PostgreSQL server (scratch databases are created and
 * dropped there); without it the registry part runs on in-memory PGlite and the import part is skipped. `--smoke`
 * runs a tiny version of each for CI; `--households N` sizes the registry part, `--csv` / `--xlsx` the import files
 * (members per file); `--keep DIR` keeps the generated roster files there and reuses them; `--keep-database NAME`
 * (verification, server only) keeps the generated city in that database and reuses it (drop it yourself when done).
 */
import { runAssessmentBench } from './assessment.js';
import { runComparisonBench } from './comparison.js';
import { runImportBench } from './import.js';
import { runPreassessmentBench } from './preassessment.js';
import { runRegistryBench } from './registry.js';
import { runVerificationBench } from './verification.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (name: string) => flag(name)?.split(',').map((s) => Number(s.replace(/_/g, '')));
const smoke = args.includes('--smoke');
const serverUrl = args.includes('--pglite') ? undefined : process.env.BENCH_DATABASE_URL;
const ALL = ['registry', 'import', 'assessment', 'verification', 'preassessment', 'comparison'];
const parts = ALL.filter((p) => args.includes(p));
const run = parts.length ? parts : ALL;

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
if (run.includes('assessment')) {
  if (run.length > 1) console.log('');
  await runAssessmentBench({ households: Number(flag('--households') ?? (smoke ? 2_000 : 70_801)), smoke, serverUrl });
}
if (run.includes('verification')) {
  if (run.length > 1) console.log('');
  await runVerificationBench({
    households: Number(flag('--households') ?? (smoke ? 2_000 : 70_801)),
    smoke,
    serverUrl,
    departmentLists: !args.includes('--without-lists'),
    keepDatabase: flag('--keep-database'),
  });
}
if (run.includes('preassessment')) {
  if (run.length > 1) console.log('');
  await runPreassessmentBench({ households: Number(flag('--households') ?? (smoke ? 2_000 : 70_801)), serverUrl });
}
if (run.includes('comparison')) {
  if (run.length > 1) console.log('');
  await runComparisonBench({ households: Number(flag('--households') ?? (smoke ? 2_000 : 70_801)), datasetRows: Number(flag('--dataset-rows') ?? 0), smoke, serverUrl });
}
