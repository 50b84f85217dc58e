package io.memreplay.engine.sharing;

import io.memreplay.engine.config.SharingPolicy;
import io.memreplay.engine.config.VmSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Which VMs may share pages with each other under a sharing policy: VMs in the same group may. This is
 * the salt of ESXi's (salt, content) share key, reduced to a group number per VM.
 */
public final class SaltGroups {

  private SaltGroups() {}

  /**
   * The group of each VM, by position in {@code vms}; group numbers are dense from 0 in order of
   * first appearance.
   */
  public static int[] assign(List<VmSpec> vms, SharingPolicy policy) {
    int[] groups = new int[vms.size()];
    Map<String, Integer> bySalt = new HashMap<>();
    for (int i = 0; i < vms.size(); i++) {
      String salt = saltOf(vms.get(i), policy);
      groups[i] = bySalt.computeIfAbsent(salt, s -> bySalt.size());
    }
    return groups;
  }

  /** The VM slots of each group, in slot order, from the group of each VM slot that {@link #assign} gave. */
  static int[][] members(int[] groupOfVm) {
    int groups = Arrays.stream(groupOfVm).max().orElse(-1) + 1;
    int[][] members = new int[groups][];
    for (int g = 0; g < groups; g++) {
      int group = g;
      members[g] = IntStream.range(0, groupOfVm.length).filter(v -> groupOfVm[v] == group).toArray();
    }
    return members;
  }

  /** Each VM slot's position among the {@link #members} of its group. */
  static int[] indexInGroup(int[][] members) {
    int slots = Arrays.stream(members).flatMapToInt(Arrays::stream).max().orElse(-1) + 1;
    int[] index = new int[slots];
    for (int[] group : members) {
      for (int i = 0; i < group.length; i++) {
        index[group[i]] = i;
      }
    }
    return index;
  }

  /** The effective salt: equal salts share. Unique salts are prefixed so no configured salt can equal them. */
  private static String saltOf(VmSpec vm, SharingPolicy policy) {
    String configured = vm.salt() == null || vm.salt().isEmpty() ? null : vm.salt();
    String own = "\0vm:" + vm.id();
    switch (policy.salting()) {
      case 0:
        return "";
      case 1:
        if (configured != null) {
          return "salt:" + configured;
        }
        return policy.unsaltedVms() == SharingPolicy.UnsaltedVms.COMMON ? "\0unsalted" : own;
      case 2:
        return configured != null ? "salt:" + configured : own;
      default:
        throw new IllegalArgumentException("salting " + policy.salting());
    }
  }
}
