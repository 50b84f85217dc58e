package io.memreplay.cli;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --timeout} option of the commands that talk to Kafka: how long a broker has to answer. */
final class KafkaTimeout {

  private static final String OPTION = "--timeout";

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = OPTION, paramLabel = "DURATION", defaultValue = "10s", converter = Durations.Converter.class,
      description = "how long to wait for Kafka to answer before giving up (default: ${DEFAULT-VALUE})")
  long timeoutNs;

  Duration duration() {
    return Duration.ofNanos(timeoutNs);
  }

  /** Whether the command line set it: commands where Kafka is optional refuse it without Kafka. */
  boolean given() {
    return command.commandLine().getParseResult().hasMatchedOption(OPTION);
  }
}
