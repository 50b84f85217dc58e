package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A host and the VMs it runs: the hardware side of a replay.
 *
 * @param timeline what happens during the trace, in time order ({@link TimelineEvent}): VMs powering on and
 *     off, and changes of policy and VM settings. A VM whose first power event is a power-on starts powered
 *     off; every other VM is powered on when the trace starts.
 */
public record Scenario(String name, HostSpec host, List<VmSpec> vms, List<TimelineEvent> timeline) {

  /** A scenario whose VMs all run from the start of the trace to its end. */
  public Scenario(String name, HostSpec host, List<VmSpec> vms) {
    this(name, host, vms, List.of());
  }

  @JsonCreator
  public Scenario(
      @JsonProperty("name") String name,
      @JsonProperty("host") HostSpec host,
      @JsonProperty("vms") List<VmSpec> vms,
      @JsonProperty("timeline") List<TimelineEvent> timeline) {
    this.name = name;
    this.host = host;
    this.vms = vms;
    this.timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }

  /** The VM with trace id {@code id}, or null. */
  public VmSpec vm(int id) {
    for (VmSpec vm : vms) {
      if (vm.id() == id) {
        return vm;
      }
    }
    return null;
  }

  /** Whether VM {@code id} runs when the trace starts: unless its first timeline event powers it on. */
  public boolean poweredOnAtStart(int id) {
    for (TimelineEvent event : timeline) {
      if (event.powers() && event.vm() == id) {
        return event.action() != TimelineEvent.Action.POWER_ON;
      }
    }
    return true;
  }

  /**
   * Each VM's settings after each timeline entry that changes them: index i holds the settings entry i
   * leaves its VM with, null for entries of other kinds.
   */
  public VmSpec[] vmSpecsAlongTimeline(String source) throws ConfigException {
    VmSpec[] after = new VmSpec[timeline.size()];
    Map<Integer, VmSpec> current = new HashMap<>();
    for (VmSpec vm : vms) {
      current.put(vm.id(), vm);
    }
    for (int i = 0; i < after.length; i++) {
      TimelineEvent event = timeline.get(i);
      if (event.changesVm()) {
        String where = source + ": timeline entry at " + event.atS() + " s";
        VmSpec changed = ConfigYaml.patched(current.get(event.vm()), event.set(), VmSpec.class, where);
        changed.check(where);
        current.put(event.vm(), changed);
        after[i] = changed;
      }
    }
    return after;
  }

  /**
   * The policy after each timeline entry that changes it, for runs that start under {@code base}: index i
   * holds the policy entry i leaves, null for entries of other kinds.
   */
  public Policy[] policiesAlongTimeline(Policy base, String source) throws ConfigException {
    Policy[] after = new Policy[timeline.size()];
    Policy current = base;
    for (int i = 0; i < after.length; i++) {
      TimelineEvent event = timeline.get(i);
      if (event.changesPolicy()) {
        String where = source + ": timeline entry at " + event.atS() + " s, on policy " + base.name();
        current = ConfigYaml.patched(current, event.policy(), Policy.class, where);
        current.check(where);
        after[i] = current;
      }
    }
    return after;
  }

  void check(String source) throws ConfigException {
    require(source, name != null && !name.isBlank(), "name is missing");
    require(source, host != null, "host is missing");
    host.check(source);
    require(source, vms != null && !vms.isEmpty(), "vms is missing or empty");
    Set<Integer> ids = new HashSet<>();
    for (VmSpec vm : vms) {
      require(source, ids.add(vm.id()), "vm id " + vm.id() + " appears twice");
      vm.check(source);
    }
    double previous = Double.NEGATIVE_INFINITY;
    for (TimelineEvent event : timeline) {
      event.check(source, this);
      require(source, Math.abs(event.atS()) <= TimelineEvent.MAX_S, "timeline: at_s " + event.atS()
          + " is not a time memreplay models (within " + TimelineEvent.MAX_S + " s either side of 0)");
      require(source, event.atS() >= previous, "timeline: events must be in time order, " + event.atS()
          + " s comes after " + previous + " s");
      previous = event.atS();
    }
    vmSpecsAlongTimeline(source);
    policiesAlongTimeline(Policies.builtIn(Policies.ESXI_DEFAULT), source);
  }

  static void require(String source, boolean condition, String problem) throws ConfigException {
    if (!condition) {
      throw new ConfigException(source + ": " + problem);
    }
  }
}
