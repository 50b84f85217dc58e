package io.memreplay.cli;

import picocli.CommandLine.Option;

/** The {@code --host-mb} option of the imports that write a host: its memory, when not what they would derive. */
final class HostMemoryOption {

  @Option(names = "--host-mb", paramLabel = "M", descriptionKey = "host-mb",
      description = "the host's memory, MB (default: the sum of the VMs')")
  Long mb;

  /** The host's memory, MB, or null to let the importer derive it; refuses a size that is not positive. */
  Long checked() throws BadInputException {
    ImportTarget.requireMemoryMb("--host-mb", mb);
    return mb;
  }
}
