import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { LoginThrottle } from '../modules/accounts/throttle.js';
import type { ImportRunner } from '../modules/imports/runner.js';

/** What route modules need from the running server; passed explicitly, no global state. */
export interface AppContext {
  database: Database;
  config: Config;
  throttle: LoginThrottle;
  /** Background import work; one is made when absent (tests pass their own to wait for it). */
  importRunner?: ImportRunner;
  /** Background rule runs, one at a time; made when absent. */
  ruleRunner?: ImportRunner;
}
