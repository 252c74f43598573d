import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { LoginThrottle } from '../modules/accounts/throttle.js';

/** What route modules need from the running server; passed explicitly, no global state. */
export interface AppContext {
  database: Database;
  config: Config;
  throttle: LoginThrottle;
}
