package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Which VMs may share pages: ESXi's {@code Mem.ShareForceSalting} and the VMs' salts. Two pages can
 * be shared only when their contents and their salts are equal.
 *
 * @param salting 0: all VMs share with each other; 1: VMs share when their salts are equal; 2 (ESXi
 *     6.0+ default): as 1, but a VM without a salt gets a salt of its own, so it shares only with itself
 * @param unsaltedVms under salting 1, whether VMs without a salt share with each other ({@code common},
 *     one reading of KB 2097593) or each get their own salt ({@code own}, the other reading)
 */
public record SharingPolicy(int salting, UnsaltedVms unsaltedVms) {

  public static final SharingPolicy ESXI_DEFAULT = new SharingPolicy(2, UnsaltedVms.COMMON);

  /** How salting 1 treats VMs without a salt. */
  public enum UnsaltedVms {
    COMMON,
    OWN;

    @JsonValue
    public String yaml() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static UnsaltedVms parse(String text) {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
  }

  @JsonCreator
  public SharingPolicy(@JsonProperty("salting") Integer salting, @JsonProperty("unsalted_vms") UnsaltedVms unsaltedVms) {
    this(salting == null ? ESXI_DEFAULT.salting() : salting, unsaltedVms == null ? UnsaltedVms.COMMON : unsaltedVms);
  }

  void check(String source) throws ConfigException {
    Scenario.require(source, salting >= 0 && salting <= 2, "sharing.salting must be 0, 1 or 2, is " + salting);
  }
}
