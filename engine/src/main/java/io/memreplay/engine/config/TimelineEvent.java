package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One entry of a scenario's timeline, at a moment of host time. Exactly one of:
 *
 * <ul>
 *   <li>{@code action}: VM {@code vm} powers on (through admission control, which may refuse it) or off
 *       (freeing everything it held);
 *   <li>{@code policy}: a part of a policy document (sections and fields, as in a policy file) replaces
 *       those settings of the policy every run replays under, from then on: e.g. {@code {allocation:
 *       {idle_tax_pct: 75}}}. The policy's name and translation cannot change during a replay;
 *   <li>{@code set}: a part of a VM document replaces those settings of VM {@code vm}: e.g. {@code {shares:
 *       high, limit_mb: 512}}; a null value removes an optional setting ({@code limit_mb: null}: no limit).
 *       The VM's id cannot change.
 * </ul>
 *
 * @param atS host time in seconds (trace time for a VM that never waited)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEvent(double atS, Integer vm, Action action, Map<String, Object> policy, Map<String, Object> set) {

  /** The latest time in seconds whose nanoseconds fit a long (about 292 years). */
  static final double MAX_S = Long.MAX_VALUE / 1e9;

  /** What happens to the VM. */
  public enum Action {
    POWER_ON,
    POWER_OFF;

    @JsonValue
    public String yaml() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Action parse(String text) {
      return switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "power-on" -> POWER_ON;
        case "power-off" -> POWER_OFF;
        default -> throw new IllegalArgumentException("timeline action must be power-on or power-off, not '" + text + "'");
      };
    }
  }

  @JsonCreator
  public TimelineEvent(@JsonProperty(value = "at_s", required = true) Double atS,
      @JsonProperty("vm") Integer vm,
      @JsonProperty("action") Action action,
      @JsonProperty("policy") Map<String, Object> policy,
      @JsonProperty("set") Map<String, Object> set) {
    this(atS.doubleValue(), vm, action, policy, set);
  }

  /** Host time in nanoseconds. */
  public long atNs() {
    return Math.round(atS * 1e9);
  }

  public boolean powers() {
    return action != null;
  }

  public boolean changesPolicy() {
    return policy != null;
  }

  public boolean changesVm() {
    return set != null;
  }

  void check(String source, Scenario scenario) throws ConfigException {
    String where = "timeline entry at " + atS + " s";
    int kinds = (action != null ? 1 : 0) + (policy != null ? 1 : 0) + (set != null ? 1 : 0);
    Scenario.require(source, kinds == 1, where + ": give exactly one of action, policy or set");
    if (policy != null) {
      Scenario.require(source, vm == null, where + ": a policy change is for every VM, give no vm");
      Scenario.require(source, !policy.containsKey("name") && !policy.containsKey("translation"),
          where + ": the policy's name and translation cannot change during a replay");
    } else {
      Scenario.require(source, vm != null, where + ": which vm?");
      Scenario.require(source, scenario.vm(vm) != null, where + ": no vm " + vm + " in vms");
      Scenario.require(source, set == null || !set.containsKey("id"), where + ": a VM's id cannot change");
    }
  }

  /** The change in words, for results: {@code vm 1: power-on}, {@code policy allocation.idle_tax_pct=75}. */
  public String describe() {
    if (action != null) {
      return "vm " + vm + ": " + action.yaml();
    }
    StringJoiner fields = new StringJoiner(", ");
    flatten("", policy != null ? policy : set, fields);
    return (policy != null ? "policy " : "vm " + vm + ": ") + fields;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> map, StringJoiner out) {
    for (Map.Entry<String, Object> entry : new LinkedHashMap<>(map).entrySet()) {
      if (entry.getValue() instanceof Map<?, ?> nested) {
        flatten(prefix + entry.getKey() + ".", (Map<String, Object>) nested, out);
      } else {
        out.add(prefix + entry.getKey() + "=" + entry.getValue());
      }
    }
  }
}
