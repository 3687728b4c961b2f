// What `gantry pulumi preview|up|destroy` do after parsing: run the operation, render its events, set the exit code.

export async function runPulumiCommand(
  kind: "preview" | "up" | "destroy",
  dir: string,
  flags: { stack?: string; json: boolean; parallel: number },
  out: (text: string) => void,
): Promise<void> {
  const [{ Engine }, ops, { PulumiProgressRenderer }] = await Promise.all([
    import("../../../engine/engine.js"),
    import("../../../pulumi-engine/pulumi-operation.js"),
    import("../../../pulumi-engine/render-progress.js"),
  ]);
  const engine = new Engine();
  const renderer = new PulumiProgressRenderer(out, flags.json);
  const req = { dir, stack: flags.stack, parallel: flags.parallel, onEvent: renderer.handle, env: process.env };
  const outcome =
    kind === "destroy"
      ? await ops.destroyPulumiStack(engine, req)
      : await ops.runPulumiProgram(engine, req, kind === "preview");
  if (!outcome.ok) {
    if (!flags.json) process.stderr.write(`error: ${outcome.error ?? "the update failed"}\n`);
    process.exitCode = 1;
  }
}
