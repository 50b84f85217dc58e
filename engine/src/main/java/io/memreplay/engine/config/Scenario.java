package io.memreplay.engine.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A host and the VMs it runs: the hardware side of a replay. */
public record Scenario(String name, HostSpec host, List<VmSpec> vms) {

  /** The VM with trace id {@code id}, or null. */
  public VmSpec vm(int id) {
    for (VmSpec vm : vms) {
      if (vm.id() == id) {
        return vm;
      }
    }
    return null;
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
  }

  static void require(String source, boolean condition, String problem) throws ConfigException {
    if (!condition) {
      throw new ConfigException(source + ": " + problem);
    }
  }
}
