import { Command, Option } from 'commander';
import { loadConfig } from '../config.js';
import { codesOf, DEPARTMENTS, ROLES } from '../domain/codes.js';
import { openConfiguredDatabase, startServer } from '../server.js';
import { demoCommand, demoRosterCommand, printLogins, seedIfEmpty } from './demo.js';
import { importHouseholdsCommand } from './import.js';
import { rulesRunCommand } from './rules.js';
import { departmentUploadCommand } from './departments.js';
import { usersAdd, usersList, usersPasswd } from './users.js';

const program = new Command();
program
  .name('jingzhun')
  .description('精准 Jingzhun: registry, verification and monitoring of poor and at-risk households')
  .showHelpAfterError();

program
  .command('serve')
  .description('start the web server (migrates the database; creates the demo city on first start)')
  .option('--no-demo', 'do not create the demo city when the database is empty')
  .option('-p, --port <port>', 'port (default $PORT or 3000)')
  .action(async (opts: { demo: boolean; port?: string }) => {
    const config = loadConfig();
    if (opts.port) config.port = Number(opts.port);
    const database = await openConfiguredDatabase(config);
    console.log(`数据库 Database: ${database.kind} (${database.location})`);
    const seeded = opts.demo ? await seedIfEmpty(database.db, config.demoHouseholds) : undefined;
    await startServer(config, database);
    console.log(`\n精准 Jingzhun is running: http://localhost:${config.port}  (API docs: http://localhost:${config.port}/api/docs)`);
    await printLogins(database.db, seeded);
  });

program
  .command('demo')
  .description('create the synthetic demo city in an empty database')
  .option('--households <n>', 'number of households', (v) => Number(v), 70_801)
  .option('--seed <n>', 'random seed', (v) => Number(v), 2020)
  .action(async (opts: { households: number; seed: number }) => {
    const database = await openConfiguredDatabase(loadConfig());
    try {
      await demoCommand(database.db, opts.households, opts.seed);
    } finally {
      await database.close();
    }
  });

program
  .command('demo-roster')
  .description('write the demo city\'s households as a roster file (one row per member) without a database, for import')
  .argument('<out>', 'file to write')
  .option('--households <n>', 'number of households (≈ 2.8 members each)', (v) => Number(v), 70_801)
  .option('--seed <n>', 'random seed (a demo city of the same seed and size has these villages)', (v) => Number(v), 2020)
  .addOption(new Option('--format <format>', 'csv (UTF-8 with BOM), csv-gbk (GB18030) or xlsx').choices(['csv', 'csv-gbk', 'xlsx']).default('csv'))
  .action(demoRosterCommand);

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const database = await openConfiguredDatabase(loadConfig());
    console.log(`迁移完成 Migrations applied: ${database.kind} (${database.location})`);
    await database.close();
  });

const users = program.command('users').description('manage user accounts');
users
  .command('add')
  .description('create a user')
  .requiredOption('--username <name>')
  .requiredOption('--name <displayName>', 'display name')
  .addOption(new Option('--role <role>').choices(codesOf(ROLES)).makeOptionMandatory())
  .requiredOption('--area <code>', 'area code of the scope, e.g. 371525 (冠县)')
  .addOption(new Option('--department <dept>').choices(codesOf(DEPARTMENTS)))
  .option('--password <password>', 'initial password (asked for when omitted)')
  .option('--reveal-ids', 'may see full ID numbers on request')
  .action(usersAdd);
users.command('list').description('list users').action(usersList);
users
  .command('passwd')
  .description('set a user password')
  .argument('<username>')
  .option('--password <password>', 'new password (asked for when omitted)')
  .action(usersPasswd);

program
  .command('import')
  .description('import a spreadsheet into the registry (dry run unless --commit)')
  .command('households')
  .description('import a household roster (.xlsx or .csv, one row per member)')
  .argument('<file>')
  .option('--user <username>', 'import as this user (their area scope applies)', 'admin')
  .option('--sheet <name...>', 'sheet(s) to read (default: the first visible sheet)')
  .option('--template <name>', 'apply a saved column-mapping template')
  .addOption(new Option('--commit [mode]', 'commit after the check: all_or_nothing (default) or valid_only').choices(['all_or_nothing', 'valid_only']))
  .action(importHouseholdsCommand);

program
  .command('rules')
  .description('the rule catalogue (核查规则)')
  .command('run')
  .description('run the enabled rules (or one) over an area now, in this process, and print the counts')
  .option('--area <code>', 'area code, e.g. 371525 (冠县); default the user\'s area')
  .option('--rule <code>', 'only this rule (it must be enabled)')
  .option('--department <code...>', 'only the rules of these departments, e.g. education medical_insurance (a comparison run)')
  .option('--date <YYYY-MM-DD>', 'reference date (default: the reference-date setting)')
  .option('--user <username>', 'run as this user (their area scope applies)', 'admin')
  .action(rulesRunCommand);

program
  .command('departments')
  .description('department data for the comparison (部门比对数据)')
  .command('upload')
  .description('upload one department dataset (.xlsx or .csv): read, match, and commit with --commit')
  .argument('<file>')
  .requiredOption('--type <code>', 'dataset type, e.g. school_enrolment, insurance_enrolment (GET /api/departments/datasets lists them)')
  .requiredOption('--as-of <YYYY-MM-DD>', 'the date the data describes')
  .option('--user <username>', 'upload as this user (their department and area apply)', 'admin')
  .addOption(new Option('--commit [mode]', 'commit after reading: all_or_nothing (default) or valid_only').choices(['all_or_nothing', 'valid_only']))
  .action(departmentUploadCommand);

program.parseAsync(process.argv).catch((err: unknown) => {
  const e = err as { messageZh?: string; message?: string };
  console.error(`错误 Error: ${e.messageZh ? `${e.messageZh} / ` : ''}${e.message ?? String(err)}`);
  process.exit(1);
});
