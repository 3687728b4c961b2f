// Preloaded with `node --import ./bench/cpu-at-exit.mjs ...`: reports the
// process's CPU time (user + system, all threads) on stderr at exit, so a
// start-up benchmark can tell its own cost from waiting for a busy CPU.
process.on("exit", () => {
  const u = process.cpuUsage();
  process.stderr.write(`\n@@CPU ${(u.user + u.system) / 1000}\n`);
});
