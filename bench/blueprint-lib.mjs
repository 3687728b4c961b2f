// The blueprint benchmark's configuration: one `gantry_cluster` resource of
// 3 ZooKeeper members, 3 masters (Marathon, Chronos) and `agents` agents, on a
// host pool of `hosts` SIMULATED hosts (driver "sim"), as Terraform JSON.

export const BLUEPRINT_ZK = 3;
export const BLUEPRINT_MASTERS = 3;

export function blueprintConfig(agents, hosts) {
  return {
    resource: {
      gantry_cluster: {
        big: {
          distro: { name: "mesos", version: "1.0.1" },
          host_pools: [
            {
              driver: "sim",
              count: hosts,
              prefix: "h-",
              cpus: 8,
              memory_mb: 32000,
              address_start: "10.1.0.1",
              racks: ["r1", "r2", "r3", "r4"],
            },
          ],
          node_groups: [
            {
              name: "zookeeper",
              roles: ["zookeeper"],
              instances: BLUEPRINT_ZK,
              instance_type: "SMALL",
              placement: { instance_per_host: 1 },
            },
            {
              name: "master",
              roles: ["mesos_master", "mesos_marathon", "mesos_chronos"],
              instances: BLUEPRINT_MASTERS,
              instance_type: "MEDIUM",
              placement: { instance_per_host: 1, group_associations: [{ reference: "zookeeper", type: "STRICT" }] },
            },
            {
              name: "agent",
              roles: ["mesos_slave", "mesos_docker"],
              instances: agents,
              instance_type: "MEDIUM",
              max_batch_size: 50,
              min_in_service: Math.floor(agents * 0.9),
              placement: { instance_per_host: 1 },
            },
          ],
        },
      },
    },
  };
}
