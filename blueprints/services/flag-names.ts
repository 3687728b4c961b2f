// Flag names accepted by the upstream daemons, copied from gantry's reference data
// (shared/reference/*.json; test/services/flag-names.test.ts checks that these lists
// equal the reference). Extracted with a one-off script from:
//   mesos-flags.json    apache/mesos @ c1b42f79 docs/configuration/{master,agent,master-and-agent}.md
//   marathon-flags.json mesosphere/marathon v1.1.1 docs/docs/command-line-flags.md
//   chronos-flags.json  mesos/chronos @ c1348ddf docs/docs/configuration.md
// Upstream documents are Apache-2.0.

/** `accepted_names["mesos-master"]`: the master table plus the common table, with aliases. */
export const MESOS_MASTER_FLAGS: readonly string[] = [
  "acls", "advertise_ip", "advertise_port", "agent_ping_timeout", "agent_removal_rate_limit",
  "agent_reregister_timeout", "allocation_interval", "allocator", "authenticate", "authenticate_agents",
  "authenticate_frameworks", "authenticate_http_frameworks", "authenticate_http_readonly",
  "authenticate_http_readwrite", "authenticate_slaves", "authentication_v0_timeout", "authenticators",
  "authorizers", "cluster", "credentials", "domain", "external_log_file",
  "fair_sharing_excluded_resource_names", "filter_gpu_resources", "firewall_rules", "framework_sorter",
  "help", "hooks", "hostname", "hostname_lookup", "http_authenticators", "http_framework_authenticators",
  "initialize_driver_logging", "ip", "ip_discovery_command", "log_auto_initialize", "log_dir", "logbufsecs",
  "logging_level", "master_contender", "master_detector", "max_agent_ping_timeouts",
  "max_completed_frameworks", "max_completed_tasks_per_framework", "max_executors_per_agent",
  "max_executors_per_slave", "max_operator_event_stream_subscribers", "max_slave_ping_timeouts",
  "max_unreachable_tasks_per_framework", "min_allocatable_resources", "modules", "modules_dir",
  "offer_constraints_re2_max_mem", "offer_constraints_re2_max_program_size", "offer_timeout", "port",
  "publish_per_framework_metrics", "quiet", "quorum", "rate_limits", "recovery_agent_removal_limit",
  "recovery_slave_removal_limit", "registry", "registry_fetch_timeout", "registry_gc_interval",
  "registry_max_agent_age", "registry_max_agent_count", "registry_store_timeout", "require_agent_domain",
  "role_sorter", "roles", "root_submissions", "slave_ping_timeout", "slave_removal_rate_limit",
  "slave_reregister_timeout", "version", "webui_dir", "weights", "whitelist", "work_dir", "zk",
  "zk_session_timeout",
];

/** `accepted_names["mesos-agent"]`: the agent table plus the common table, with aliases. */
export const MESOS_AGENT_FLAGS: readonly string[] = [
  "acls", "advertise_ip", "advertise_port", "agent_features", "agent_subsystems", "allowed_devices",
  "appc_simple_discovery_uri_prefix", "appc_store_dir", "attributes", "authenticate_http_executors",
  "authenticate_http_readonly", "authenticate_http_readwrite", "authenticatee",
  "authentication_backoff_factor", "authentication_timeout_max", "authentication_timeout_min", "authorizer",
  "bounding_capabilities", "cgroups_cpu_enable_pids_and_tids_count", "cgroups_destroy_timeout",
  "cgroups_enable_cfs", "cgroups_hierarchy", "cgroups_limit_swap", "cgroups_net_cls_primary_handle",
  "cgroups_net_cls_secondary_handles", "cgroups_root", "check_agent_port_range_only",
  "container_disk_watch_interval", "container_logger", "container_ports_isolated_range",
  "container_ports_watch_interval", "containerizers", "credential", "csi_plugin_config_dir",
  "default_container_dns", "default_container_info", "default_container_shm_size", "default_role",
  "disallow_sharing_agent_ipc_namespace", "disallow_sharing_agent_pid_namespace", "disk_profile_adaptor",
  "disk_watch_interval", "docker", "docker_config", "docker_ignore_runtime", "docker_kill_orphans",
  "docker_mesos_image", "docker_registry", "docker_remove_delay", "docker_socket", "docker_stop_timeout",
  "docker_store_dir", "docker_volume_checkpoint_dir", "docker_volume_chown", "domain",
  "domain_socket_location", "effective_capabilities", "egress_flow_classifier_parent",
  "egress_rate_limit_per_container", "egress_unique_flow_per_container", "enforce_container_disk_quota",
  "enforce_container_ports", "ephemeral_ports_per_container", "eth0_name", "executor_environment_variables",
  "executor_registration_timeout", "executor_reregistration_retry_interval",
  "executor_reregistration_timeout", "executor_shutdown_grace_period", "external_log_file",
  "fetcher_cache_dir", "fetcher_cache_size", "fetcher_stall_timeout", "firewall_rules", "frameworks_home",
  "gc_delay", "gc_disk_headroom", "gc_non_executor_container_sandboxes", "hadoop_home", "help", "hooks",
  "host_path_volume_force_creation", "hostname", "hostname_lookup", "http_authenticators",
  "http_command_executor", "http_credentials", "http_executor_domain_sockets", "http_heartbeat_interval",
  "image_gc_config", "image_providers", "image_provisioner_backend", "initialize_driver_logging", "ip",
  "ip6", "ip6_discovery_command", "ip_discovery_command", "isolation", "jwt_secret_key", "launcher",
  "launcher_dir", "lo_name", "log_dir", "logbufsecs", "logging_level", "master", "master_detector",
  "max_completed_executors_per_framework", "modules", "modules_dir", "network_cni_config_dir",
  "network_cni_metrics", "network_cni_plugins_dir", "network_cni_root_dir_persist",
  "network_enable_snmp_statistics", "network_enable_socket_statistics_details",
  "network_enable_socket_statistics_summary", "nvidia_gpu_devices", "oversubscribed_resources_interval",
  "perf_duration", "perf_events", "perf_interval", "port", "qos_controller", "qos_correction_interval_min",
  "quiet", "reconfiguration_policy", "recover", "recovery_timeout", "registration_backoff_factor",
  "resource_estimator", "resource_provider_config_dir", "resources", "revocable_cpu_low_priority",
  "runtime_dir", "sandbox_directory", "seccomp_config_dir", "seccomp_profile_name", "secret_resolver",
  "slave_subsystems", "strict", "switch_user", "systemd_enable_support", "systemd_runtime_directory",
  "version", "volume_gid_range", "work_dir", "xfs_project_range", "zk_session_timeout",
];

/** Master flags documented as --[no-]name (aliases included). */
export const MESOS_MASTER_NEGATABLE: readonly string[] = [
  "authenticate", "authenticate_agents", "authenticate_frameworks", "authenticate_http_frameworks",
  "authenticate_http_readonly", "authenticate_http_readwrite", "authenticate_slaves", "filter_gpu_resources",
  "help", "hostname_lookup", "initialize_driver_logging", "log_auto_initialize",
  "publish_per_framework_metrics", "quiet", "require_agent_domain", "root_submissions", "version",
];

/** Agent flags documented as --[no-]name (aliases included). */
export const MESOS_AGENT_NEGATABLE: readonly string[] = [
  "authenticate_http_executors", "authenticate_http_readonly", "authenticate_http_readwrite",
  "cgroups_cpu_enable_pids_and_tids_count", "cgroups_enable_cfs", "cgroups_limit_swap",
  "check_agent_port_range_only", "disallow_sharing_agent_ipc_namespace",
  "disallow_sharing_agent_pid_namespace", "docker_kill_orphans", "docker_volume_chown",
  "egress_unique_flow_per_container", "enforce_container_disk_quota", "enforce_container_ports",
  "gc_non_executor_container_sandboxes", "help", "hostname_lookup", "http_command_executor",
  "initialize_driver_logging", "network_cni_metrics", "network_cni_root_dir_persist",
  "network_enable_snmp_statistics", "network_enable_socket_statistics_details",
  "network_enable_socket_statistics_summary", "quiet", "revocable_cpu_low_priority", "strict", "switch_user",
  "systemd_enable_support", "version",
];

/** Deprecated slave-era / alternate name → primary name. */
export const MESOS_FLAG_ALIASES: Readonly<Record<string, string>> = {
  "authenticate": "authenticate_frameworks",
  "authenticate_slaves": "authenticate_agents",
  "max_executors_per_slave": "max_executors_per_agent",
  "max_slave_ping_timeouts": "max_agent_ping_timeouts",
  "recovery_slave_removal_limit": "recovery_agent_removal_limit",
  "slave_ping_timeout": "agent_ping_timeout",
  "slave_removal_rate_limit": "agent_removal_rate_limit",
  "slave_reregister_timeout": "agent_reregister_timeout",
  "slave_subsystems": "agent_subsystems"
};

/** `marathon-flags.json` accepted_names (documented flags and their disable_ forms). */
export const MARATHON_FLAGS: readonly string[] = [
  "access_control_allow_origin", "artifact_store", "assets_path", "checkpoint", "decline_offer_duration",
  "default_accepted_resource_roles", "disable_checkpoint", "disable_ha", "disable_http", "disable_metrics",
  "disable_revive_offers_for_new_apps", "disable_store_cache", "disable_tracing", "disable_zk_compression",
  "enable_features", "env_vars_prefix", "event_subscriber", "executor", "failover_timeout", "framework_name",
  "ha", "hostname", "http_address", "http_credentials", "http_endpoints",
  "http_event_callback_slow_consumer_timeout", "http_max_concurrent_requests", "http_port", "http_realm",
  "https_address", "https_port", "launch_token_refresh_interval", "launch_tokens",
  "leader_proxy_connection_timeout", "leader_proxy_read_timeout", "local_port_max", "local_port_min",
  "logging_level", "marathon_store_timeout", "master", "max_apps", "max_tasks_per_offer",
  "max_tasks_per_offer_cycle", "mesos_authentication_principal", "mesos_authentication_secret_file",
  "mesos_leader_ui_url", "mesos_role", "mesos_user", "metrics", "min_revive_offers_interval",
  "offer_matching_timeout", "on_elected_prepare_timeout", "reconciliation_initial_delay",
  "reconciliation_interval", "reporter_datadog", "reporter_graphite", "revive_offers_repetitions",
  "save_tasks_to_launch_timeout", "scale_apps_initial_delay", "scale_apps_interval", "ssl_keystore_password",
  "ssl_keystore_path", "store_cache", "task_launch_confirm_timeout", "task_launch_timeout", "tracing",
  "webui_url", "zk", "zk_compression", "zk_compression_threshold", "zk_max_versions", "zk_session_timeout",
  "zk_timeout",
];

/** `chronos-flags.json` accepted_names. */
export const CHRONOS_FLAGS: readonly string[] = [
  "cassandra_consistency", "cassandra_contact_points", "cassandra_keyspace", "cassandra_password",
  "cassandra_port", "cassandra_stat_count_table", "cassandra_table", "cassandra_ttl", "cassandra_user",
  "cluster_name", "decline_offer_duration", "disable_after_failures", "disable_http",
  "disable_http_compression", "failover_timeout", "failure_retry", "graphite_group_prefix",
  "graphite_host_port", "graphite_reporting_interval", "help", "hostname", "http_address",
  "http_compression", "http_credentials", "http_notification_credentials", "http_notification_url",
  "http_port", "http_realm", "https_address", "https_port", "job_history_limit", "leader_max_idle_time",
  "mail_from", "mail_password", "mail_server", "mail_ssl", "mail_user", "master", "mattermost_url",
  "mesos_authentication_principal", "mesos_authentication_secret_file", "mesos_checkpoint",
  "mesos_framework_name", "mesos_role", "mesos_task_cpu", "mesos_task_disk", "mesos_task_mem",
  "min_revive_offers_interval", "raven_dsn", "reconciliation_interval", "revive_offers_for_new_jobs",
  "slack_url", "ssl_keystore_password", "ssl_keystore_path", "task_epsilon", "user", "webui_url", "zk_auth",
  "zk_hosts", "zk_path", "zk_timeout",
];

/** Chronos flags that take no value (`takes_value: false`). */
export const CHRONOS_VALUELESS_FLAGS: readonly string[] = [
  "disable_http", "disable_http_compression", "help", "http_compression", "mail_ssl", "mesos_checkpoint",
  "revive_offers_for_new_jobs",
];
