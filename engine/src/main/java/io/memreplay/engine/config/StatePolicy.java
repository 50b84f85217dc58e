package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * The host's free-memory states (docs/model.md "Host memory"). Each state has a threshold in percent of
 * the basis; free memory below a state's threshold enters it, and a state is left upwards only once free
 * memory exceeds its threshold by the hysteresis. ESXi 6.0+ (the default): minFree by the sliding scale,
 * high 400%, clear 100%, soft 64%, hard 32%, low 16%. ESX 2002: 6%, 4%, 2%, 1% of host memory, no clear state.
 *
 * @param basis {@code min-free} (thresholds in percent of minFree) or {@code host} (of host memory)
 * @param minFreePct {@code Mem.MemMinFreePct}: 0 = the sliding scale of ESX 4.1+, else a fixed percent of
 *     host memory (6 before 4.1)
 * @param highPct below it (but above clear) the host stays HIGH, and large pages are broken lazily
 * @param clearPct below it: CLEAR; equal to {@code softPct} when the model has no clear state
 * @param softPct below it: SOFT
 * @param hardPct below it: HARD
 * @param lowPct below it: LOW
 * @param hysteresisPct how far above a threshold free memory must be to leave the state below it: W02's
 *     "significantly exceeding" is unpublished; 10 [I]
 * @param blockStates states in which VMs above their target are blocked: a page they fault in must first be
 *     reclaimed from themselves, and they wait for it (W02, EPP15: low)
 */
public record StatePolicy(Basis basis, double minFreePct, double highPct, double clearPct, double softPct,
    double hardPct, double lowPct, double hysteresisPct, List<MemoryState> blockStates) {

  public static final StatePolicy ESXI_DEFAULT =
      new StatePolicy(Basis.MIN_FREE, 0, 400, 100, 64, 32, 16, 10, List.of(MemoryState.LOW));

  /** What the thresholds are a percentage of. */
  public enum Basis {
    MIN_FREE,
    HOST;

    @JsonValue
    public String yaml() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Basis parse(String text) {
      return switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "min-free" -> MIN_FREE;
        case "host" -> HOST;
        default -> throw new IllegalArgumentException("states.basis must be min-free or host, not '" + text + "'");
      };
    }
  }

  @JsonCreator
  public StatePolicy(
      @JsonProperty("basis") Basis basis,
      @JsonProperty("min_free_pct") Double minFreePct,
      @JsonProperty("high_pct") Double highPct,
      @JsonProperty("clear_pct") Double clearPct,
      @JsonProperty("soft_pct") Double softPct,
      @JsonProperty("hard_pct") Double hardPct,
      @JsonProperty("low_pct") Double lowPct,
      @JsonProperty("hysteresis_pct") Double hysteresisPct,
      @JsonProperty("block_states") List<MemoryState> blockStates) {
    this(Settings.or(basis, ESXI_DEFAULT.basis), Settings.or(minFreePct, ESXI_DEFAULT.minFreePct),
        Settings.or(highPct, ESXI_DEFAULT.highPct), Settings.or(clearPct, ESXI_DEFAULT.clearPct),
        Settings.or(softPct, ESXI_DEFAULT.softPct), Settings.or(hardPct, ESXI_DEFAULT.hardPct),
        Settings.or(lowPct, ESXI_DEFAULT.lowPct), Settings.or(hysteresisPct, ESXI_DEFAULT.hysteresisPct),
        Settings.states(blockStates, ESXI_DEFAULT.blockStates));
  }

  public StatePolicy {
    Settings.requirePct(minFreePct, 50, "states.min_free_pct");
    Settings.require(highPct >= clearPct && clearPct >= softPct && softPct >= hardPct && hardPct >= lowPct
        && lowPct >= 0, "states thresholds must fall from high_pct to low_pct: " + highPct + ", " + clearPct + ", "
        + softPct + ", " + hardPct + ", " + lowPct);
    Settings.requirePct(hysteresisPct, 100, "states.hysteresis_pct");
    blockStates = List.copyOf(blockStates);
  }

  /** The threshold of {@code state} in percent of the basis: below it the state is entered. */
  public double thresholdPct(MemoryState state) {
    return switch (state) {
      case HIGH -> highPct;
      case CLEAR -> clearPct;
      case SOFT -> softPct;
      case HARD -> hardPct;
      case LOW -> lowPct;
    };
  }
}
