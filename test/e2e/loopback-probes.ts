// Probes of what runs on a test's loopback hosts: ZooKeeper's four-letter `srvr` and whether a port listens.
import { connect } from "node:net";

/** ZooKeeper's answer to `srvr` at ADDRESS:2181, or null when nothing answers. */
export function srvr(address: string): Promise<string | null> {
  return new Promise((resolve) => {
    const s = connect(2181, address);
    let out = "";
    s.setTimeout(2000, () => (s.destroy(), resolve(null)));
    s.once("connect", () => s.write("srvr\n"));
    s.on("data", (d) => (out += d));
    s.once("end", () => resolve(out));
    s.once("error", () => resolve(null));
  });
}

/** Whether something accepts connections at ADDRESS:PORT. */
export function portOpen(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, address);
    s.setTimeout(1000, () => (s.destroy(), resolve(false)));
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

/** The modes (leader, follower, standalone, or down) of the ZooKeeper servers at ADDRESSES, sorted. */
export async function zookeeperModes(addresses: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const a of addresses) out.push(/Mode: (\w+)/.exec((await srvr(a)) ?? "")?.[1] ?? "down");
  return out.sort();
}
