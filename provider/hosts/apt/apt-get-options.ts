// How every apt-get runs: without questions, and patient with dpkg's lock.

/** apt waits up to 5 minutes for dpkg's machine-wide lock (another apt, unattended-upgrades) instead of failing. */
export const APT_LOCK_WAIT: readonly string[] = ["-o", "DPkg::Lock::Timeout=300"];
export const APT_ENV: Readonly<Record<string, string>> = { DEBIAN_FRONTEND: "noninteractive" };
