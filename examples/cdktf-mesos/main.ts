// The Mesos platform of examples/mesos-cluster as a CDKTF app: the same
// blueprint (nine local hosts, a ZooKeeper ensemble, Mesos masters with
// Marathon and Chronos, agents, HAProxy routing to a web app, a nightly
// job) through gantry's own constructs (gantry/cdktf), plus a null_resource
// whose local-exec provisioner says where the web app answers.
//
//   gantry plan examples/cdktf-mesos      # synthesizes (npx tsx main.ts), then plans the stack
//   gantry apply -auto-approve examples/cdktf-mesos

import { provider as nullProvider, resource } from "@cdktf/provider-null";
import { App, Fn, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { cluster, provider } from "gantry/cdktf";

class MesosStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new provider.GantryProvider(this, "gantry");
    new nullProvider.NullProvider(this, "null");

    const addressPrefix = new TerraformVariable(this, "address_prefix", {
      type: "string",
      default: "127.0.81",
      description: "first three octets of the hosts' loopback addresses (node-1 is <prefix>.1)",
    });
    const distroVersion = new TerraformVariable(this, "distro_version", {
      type: "string",
      default: "1.0.1",
      description: "Mesos platform version from the distro manifest (changing it plans a rolling upgrade)",
    });
    const zookeepers = new TerraformVariable(this, "zookeepers", {
      type: "number",
      default: 3,
      description: "ZooKeeper ensemble size (odd; growing it restarts the members one at a time)",
    });
    const agents = new TerraformVariable(this, "agents", { type: "number", default: 3 });
    const webInstances = new TerraformVariable(this, "web_instances", { type: "number", default: 3 });

    const racks = ["r1", "r2", "r3"];
    const sizes = [
      { cpus: 3, memoryMb: 16000 },
      { cpus: 4, memoryMb: 16000 },
      { cpus: 2, memoryMb: 8000 },
    ];
    const hosts = Array.from({ length: 9 }, (_, i) => ({
      name: `node-${i + 1}`,
      address: `${addressPrefix.stringValue}.${i + 1}`,
      driver: "local",
      ...sizes[Math.floor(i / 3)],
      rack: racks[i % 3],
    }));

    const mesos = new cluster.Cluster(this, "mesos", {
      distro: { name: "mesos", version: distroVersion.stringValue },
      zkPath: "/mesos",
      hosts,
      nodeGroups: [
        {
          name: "zookeeper",
          roles: ["zookeeper"],
          instances: zookeepers.numberValue,
          instanceType: "SMALL",
          ha: true,
          placement: { instancePerHost: 1, groupRacks: { type: "ROUNDROBIN", racks } },
        },
        {
          name: "master",
          roles: ["mesos_master", "mesos_marathon", "mesos_chronos"],
          instances: 3,
          instanceType: "MEDIUM",
          ha: true,
          placement: { instancePerHost: 1, groupAssociations: [{ reference: "zookeeper", type: "STRICT" }] },
        },
        {
          name: "agent",
          roles: ["mesos_slave", "mesos_docker"],
          instances: agents.numberValue,
          instanceType: "MEDIUM",
          maxBatchSize: 1,
          minInService: 2,
          placement: { instancePerHost: 1, groupRacks: { type: "ROUNDROBIN", racks } },
        },
        { name: "lb", roles: ["haproxy"], instances: 1, instanceType: "SMALL" },
      ],
      apps: [
        {
          id: "/web",
          cmd:
            'mkdir -p www-$PORT0 && echo "web $MESOS_TASK_ID on $HOST:$PORT0" > www-$PORT0/index.html && ' +
            "cd www-$PORT0 && exec python3 -m http.server --bind $HOST $PORT0",
          instances: webInstances.numberValue,
          cpus: 0.1,
          mem: 64,
          portDefinitions: [{ port: 10000, protocol: "tcp", name: "http" }],
          healthChecks: [
            {
              protocol: "HTTP",
              path: "/",
              portIndex: 0,
              gracePeriodSeconds: 30,
              intervalSeconds: 10,
              maxConsecutiveFailures: 3,
            },
          ],
          labels: { HAPROXY_GROUP: "external" },
        },
      ],
      jobs: [
        {
          name: "nightly-cleanup",
          command: "find /tmp -type f -mtime +7 -delete",
          schedule: "R/2026-12-01T02:00:00Z/PT24H",
          epsilon: "PT15M",
          owner: "ops@example.com",
          cpus: 0.1,
          mem: 32,
        },
      ],
      routes: [{ app: "/web", servicePort: 10000, mode: "http" }],
    });

    const endpoint = (name: string) => mesos.interpolationForAttribute(`endpoints.${name}`);
    const routes = Fn.jsonencode(endpoint("routes"));
    new resource.Resource(this, "announce", {
      triggers: { routes },
      provisioners: [
        {
          type: "local-exec",
          command: 'echo "the web app answers at $ROUTES"',
          environment: { ROUTES: routes },
        },
      ],
    });

    new TerraformOutput(this, "web", {
      value: endpoint("routes"),
      description: "send traffic here: HAProxy, round robin over the app instances",
    });
    new TerraformOutput(this, "haproxy_stats", { value: endpoint("haproxy_stats") });
    new TerraformOutput(this, "zookeeper", { value: endpoint("zookeeper") });
  }
}

const app = new App();
new MesosStack(app, "mesos");
app.synth();
