package io.memreplay.cli;

import io.memreplay.engine.workingset.MemoryGrid;
import io.memreplay.engine.workingset.MrcOptions;
import io.memreplay.engine.workingset.MrcSampling;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The values of {@code replay}'s miss-ratio curve options; a value that cannot be read is a usage error. */
final class MrcArguments {

  private MrcArguments() {}

  /** {@code parse(value)}, its complaint (which names the value) reported as picocli's. */
  private static <T> T read(Function<String, T> parse, String value) {
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** {@code --mrc}: auto, auto:N, exact, shards-rate:R, shards-size:N or off. */
  static final class Sampling implements ITypeConverter<MrcSampling> {
    @Override
    public MrcSampling convert(String value) {
      return read(MrcSampling::parse, value);
    }
  }

  /** {@code --mrc-window}: {@code interval}, {@code run}, or a duration. */
  static final class Window implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "interval" -> MrcOptions.WINDOW_INTERVAL;
        case "run" -> MrcOptions.WINDOW_RUN;
        default -> Durations.parseNs(value);
      };
    }
  }

  /** {@code --mrc-grid}: steps:N, or percentages of the working set and sizes. */
  static final class Grid implements ITypeConverter<MemoryGrid> {
    @Override
    public MemoryGrid convert(String value) {
      return read(MemoryGrid::parse, value);
    }
  }
}
