package io.memreplay.engine.model;

/** The result tables a replay writes, by the name they have in a results dataset. */
public enum Table {
  /** One row per run: what was replayed, how, and how it ended. */
  RUNS("runs"),
  /** One row per VM and output interval. */
  VM_INTERVALS("vm_intervals"),
  /** One row per output interval for the host. */
  HOST_INTERVALS("host_intervals"),
  /** One row per VM and output interval of the address-translation model. */
  TRANSLATION("translation"),
  /** One row per VM, interval end and working-set window. */
  WORKING_SETS("working_sets"),
  /** One row per VM, curve window and memory size. */
  MRC("mrc");

  private final String tableName;

  Table(String tableName) {
    this.tableName = tableName;
  }

  /** The table's name in a results dataset, and the folder it is stored in. */
  public String tableName() {
    return tableName;
  }
}
