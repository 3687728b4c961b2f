// The gantry_file data source: a file that exists on a host, read (content,
// mode, sha256) without being managed.

import type { DataSourceType } from "../../contract/resource-type.js";
import { reqString } from "../types/attrs.js";
import { sha256 } from "../types/file.js";
import { hostAttribute, hostDriverOf } from "../types/host-bound.js";

export const fileDataSource: DataSourceType = {
  name: "gantry_file",
  description: "Reads a file that exists on a host.",
  schema: {
    host: hostAttribute,
    path: { kind: "string", description: "Absolute host path of the file.", required: true },
    content: { kind: "string", description: "The file's content.", computed: true },
    mode: { kind: "string", description: "Octal permission bits.", computed: true },
    sha256: { kind: "string", description: "SHA-256 of the content.", computed: true },
  },

  async read(ctx, config) {
    const path = reqString(config, "path");
    if (!path.startsWith("/")) throw new Error(`path must be an absolute host path (got "${path}")`);
    const driver = hostDriverOf(ctx, config);
    const content = await driver.readFile(path);
    if (content === null) throw new Error(`no file ${path} on the host`);
    const st = await driver.statFile(path);
    return {
      ...config,
      content,
      mode: st ? st.mode.toString(8).padStart(4, "0") : null,
      sha256: sha256(content),
    };
  },
};
