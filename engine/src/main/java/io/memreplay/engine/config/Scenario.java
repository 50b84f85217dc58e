package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A host and the VMs it runs: the hardware side of a replay.
 *
 * @param timeline VMs powering on and off during the trace, in time order. A VM whose first event is a
 *     power-on starts powered off; every other VM is powered on when the trace starts.
 */
public record Scenario(String name, HostSpec host, List<VmSpec> vms, List<PowerEvent> timeline) {

  /** A scenario whose VMs all run from the start of the trace to its end. */
  public Scenario(String name, HostSpec host, List<VmSpec> vms) {
    this(name, host, vms, List.of());
  }

  @JsonCreator
  public Scenario(
      @JsonProperty("name") String name,
      @JsonProperty("host") HostSpec host,
      @JsonProperty("vms") List<VmSpec> vms,
      @JsonProperty("timeline") List<PowerEvent> timeline) {
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
    for (PowerEvent event : timeline) {
      if (event.vm() == id) {
        return event.action() != PowerEvent.Action.POWER_ON;
      }
    }
    return true;
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
    for (PowerEvent event : timeline) {
      require(source, ids.contains(event.vm()), "timeline: no vm " + event.vm() + " in vms");
      require(source, Math.abs(event.atS()) <= PowerEvent.MAX_S, "timeline: at_s " + event.atS()
          + " is not a time memreplay models (within " + PowerEvent.MAX_S + " s either side of 0)");
      require(source, event.atS() >= previous, "timeline: events must be in time order, " + event.atS()
          + " s comes after " + previous + " s");
      previous = event.atS();
    }
  }

  static void require(String source, boolean condition, String problem) throws ConfigException {
    if (!condition) {
      throw new ConfigException(source + ": " + problem);
    }
  }
}
