package io.memreplay.analytics.report;

import io.memreplay.analytics.sql.TextResources;

/** The report queries, read from the {@code .sql} resources of this package. */
final class ReportSql {

  /** Defines {@code pages_to_mb(pages)}. */
  static final String MACROS = load("macros.sql");
  /** Every run, with its interval count. */
  static final String RUNS = load("runs.sql");
  /** The VMs of one run, sizes in MB; takes the run id. */
  static final String VMS = load("vms.sql");
  /** What the host gave and took from each VM of one run; takes the run id. */
  static final String VM_MEMORY = load("vm_memory.sql");
  /** Reclamation per VM and policy, side by side. */
  static final String MEMORY_POLICIES = load("memory_policies.sql");
  /** Free-memory states and host figures per policy. */
  static final String HOST_STATES = load("host_states.sql");
  /** Sharing potential and working set per policy. */
  static final String POLICIES = load("policies.sql");
  /** Address translation per policy. */
  static final String TRANSLATION = load("translation.sql");

  private ReportSql() {}

  private static String load(String name) {
    return TextResources.load(ReportSql.class, name);
  }
}
