// The built-in distro manifest, like BDE's: for each Mesos platform version,
// the Mesos version with its matching Marathon, Chronos and ZooKeeper
// versions and the package repositories they come from. A blueprint may add
// or override entries with its own `distros` list.

export interface Distro {
  name: string;
  version: string;
  mesos: string;
  marathon: string;
  chronos: string;
  zookeeper: string;
  /** Chronos 3 serves its API under /v1; Chronos 2 at the root. */
  chronos_api_prefix: string;
  /** APT sources lines to write on every host, and the packages they provide. */
  repositories: { name: string; line: string; provides: string[] }[];
  /** Debian package name per service. */
  packages: Record<"zookeeper" | "mesos" | "marathon" | "chronos" | "docker" | "haproxy" | "java", string>;
}

const MESOSPHERE_REPO = (codename: string) => ({
  name: "mesosphere",
  line: `deb http://repos.mesosphere.com/debian ${codename} main`,
  provides: ["mesos", "marathon", "chronos"],
});

const DEBIAN_PACKAGES = {
  zookeeper: "zookeeper",
  mesos: "mesos",
  marathon: "marathon",
  chronos: "chronos",
  docker: "docker.io",
  haproxy: "haproxy",
  java: "openjdk-17-jre-headless",
};

export const BUILTIN_DISTROS: Distro[] = [
  {
    name: "mesos",
    version: "1.0.1",
    mesos: "1.0.1",
    marathon: "1.1.1",
    chronos: "2.5.0",
    zookeeper: "3.8",
    chronos_api_prefix: "",
    repositories: [MESOSPHERE_REPO("jessie")],
    packages: DEBIAN_PACKAGES,
  },
  {
    name: "mesos",
    version: "1.1.0",
    mesos: "1.1.0",
    marathon: "1.3.6",
    chronos: "3.0.2",
    zookeeper: "3.8",
    chronos_api_prefix: "/v1",
    repositories: [MESOSPHERE_REPO("jessie")],
    packages: DEBIAN_PACKAGES,
  },
  {
    name: "mesos",
    version: "1.4.1",
    mesos: "1.4.1",
    marathon: "1.5.2",
    chronos: "3.0.2",
    zookeeper: "3.8",
    chronos_api_prefix: "/v1",
    repositories: [MESOSPHERE_REPO("stretch")],
    packages: DEBIAN_PACKAGES,
  },
];

/** Built-in entries with the user's entries layered on top (same name and version: the user's wins, field by field). */
export function distroManifest(user: Partial<Distro>[] = []): Distro[] {
  const out = BUILTIN_DISTROS.map((d) => ({ ...d }));
  for (const u of user) {
    const i = out.findIndex((d) => d.name === u.name && d.version === u.version);
    if (i >= 0) out[i] = { ...out[i], ...u, packages: { ...out[i].packages, ...(u.packages ?? {}) } } as Distro;
    else
      out.push({
        chronos_api_prefix: "/v1",
        zookeeper: "3.8",
        repositories: [],
        packages: DEBIAN_PACKAGES,
        ...u,
      } as Distro);
  }
  return out;
}
