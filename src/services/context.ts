import type { Repository } from "../db/repository";
import type { Settings } from "../settings";

/** What every service is built from. `now` is the only clock the business rules read. */
export interface ServiceContext {
  repo: Repository;
  settings: Settings;
  now: () => number;
}
