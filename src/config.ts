import path from 'node:path';

/** Settings come from the environment, each with a default that suits `npm start` on a laptop. */
export interface Config {
  port: number;
  host: string;
  /** A PostgreSQL URL; when absent the embedded PGlite database under `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Households the demo city gets on first start. */
  demoHouseholds: number;
  /** Largest upload an import accepts, in bytes. */
  importMaxBytes: number;
  sessionHours: number;
  secureCookies: boolean;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.JINGZHUN_DATA_DIR ?? 'data'),
    demoHouseholds: Number(env.JINGZHUN_DEMO_HOUSEHOLDS ?? 70_801),
    importMaxBytes: Number(env.JINGZHUN_IMPORT_MAX_MB ?? 200) * 1024 * 1024,
    sessionHours: Number(env.JINGZHUN_SESSION_HOURS ?? 12),
    secureCookies: env.JINGZHUN_SECURE_COOKIES === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
