// Why a package a host needs is not there: no repository the host reaches has
// it (nothing gantry can do), or it is only not installed yet.

import type { HostDriver } from "../../contract/host-driver.js";
import { NO_PACKAGE_REASON, NOT_INSTALLED_REASON } from "../../contract/host-limitation.js";

export async function whyMissing(driver: HostDriver, name: string): Promise<string> {
  return driver.packageCandidate && (await driver.packageCandidate(name)) === null
    ? NO_PACKAGE_REASON
    : NOT_INSTALLED_REASON;
}
