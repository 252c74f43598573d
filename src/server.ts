import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { buildApp } from './http/app.js';
import { LoginThrottle } from './modules/accounts/throttle.js';
import { cleanUpOldJobs, recoverInterruptedJobs } from './modules/imports/jobs.js';
import { executeRun, recoverInterruptedRuns } from './modules/findings/runs.js';
import { ImportRunner } from './modules/imports/runner.js';
import { recoverInterruptedUploads } from './modules/departments/upload.js';
import { seedBuiltInRules } from './modules/rules/catalogue.js';
import { loadAddedDatasetTypes } from './modules/departments/dataset-types.js';

/** Opens the configured database (PGlite under dataDir, or DATABASE_URL) and applies pending migrations. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') });
  await database.migrate();
  await seedBuiltInRules(database.db);
  await loadAddedDatasetTypes(database.db);
  return database;
}

export async function startServer(config: Config, database: Database): Promise<FastifyInstance> {
  const interrupted = await recoverInterruptedJobs(database.db);
  if (interrupted > 0) console.log(`${interrupted} 个导入任务因服务停止而中断，已标记为失败 (import jobs interrupted by the last stop)`);
  await cleanUpOldJobs({ db: database.db, dataDir: config.dataDir });
  const stoppedUploads = await recoverInterruptedUploads(database.db);
  if (stoppedUploads > 0) console.log(`${stoppedUploads} 个部门数据上传因服务停止而中断，已标记为失败 (department uploads interrupted by the last stop)`);
  const stoppedRuns = await recoverInterruptedRuns(database.db);
  const ruleRunner = new ImportRunner();
  if (stoppedRuns.length > 0) console.log(`${stoppedRuns.length} 次规则运行因服务停止而中断，现继续运行 (rule runs interrupted by the last stop, resuming)`);
  for (const id of stoppedRuns) ruleRunner.enqueue(async () => void (await executeRun(database.db, id)));
  const app = await buildApp(
    { database, config, throttle: new LoginThrottle(), ruleRunner },
    { logger: { level: config.logLevel }, serveWeb: true },
  );
  await app.listen({ port: config.port, host: config.host });
  const close = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  return app;
}
