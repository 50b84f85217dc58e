package io.memreplay.cli;

import io.memreplay.ingest.generate.GeneratorSpec;
import io.memreplay.ingest.generate.TraceGenerator;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import io.memreplay.schemas.trace.TraceManifest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code memreplay generate}: a synthetic host trace and its scenario. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Writes a synthetic but realistic host trace and a matching scenario.yaml.",
        "Guest OS images shared by same-OS VMs, zero pages, private data, working-set phases, Zipf skew, content-changing writes."})
final class GenerateCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "the trace folder to write")
  Path out;

  @Option(names = "--vms", defaultValue = "" + GeneratorSpec.DEFAULT_VMS, description = "VMs on the host (default: ${DEFAULT-VALUE})")
  int vms;

  @Option(names = "--accesses", defaultValue = "" + GeneratorSpec.DEFAULT_ACCESSES,
      description = "memory accesses of all VMs together (default: ${DEFAULT-VALUE})")
  long accesses;

  @Option(names = "--seed", defaultValue = "" + GeneratorSpec.DEFAULT_SEED, description = "seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--guest-mb", defaultValue = "" + GeneratorSpec.DEFAULT_GUEST_MB,
      description = "configured memory of each VM, MB (default: ${DEFAULT-VALUE})")
  int guestMb;

  @Option(names = "--duration", paramLabel = "DURATION", converter = Durations.Converter.class, defaultValue = "30m",
      description = "trace time the accesses spread over (default: ${DEFAULT-VALUE})")
  long durationNs;

  @Option(names = "--host", defaultValue = GeneratorSpec.DEFAULT_HOST, description = "host name (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--force", description = "replace a trace already in --out")
  boolean force;

  @Mixin
  JsonOption json;

  /** What {@code generate --json} prints. */
  record Generated(String traceId, Path trace, String host, int vms, long accesses, long pageSnapshots, long durationNs,
      double seconds) {}

  @Override
  public Integer call() throws Exception {
    GeneratorSpec spec;
    try {
      spec = new GeneratorSpec(vms, accesses, seed, guestMb, durationNs, host);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    json.print(generate(spec, out, force, json.human()));
    return ExitCode.OK.code();
  }

  /** Generates {@code spec} into {@code out}, with progress, and says what was written. */
  static Generated generate(GeneratorSpec spec, Path out, boolean replace, PrintStream stdout) throws Exception {
    OutputPaths.requireTraceFolder("--out", out);
    TraceDatasetWriter.Settings settings = replace ? TraceDatasetWriter.Settings.DEFAULT.replacing()
        : TraceDatasetWriter.Settings.DEFAULT;
    long started = System.nanoTime();
    TraceManifest manifest;
    try (Progress progress = Progress.start("generate", spec.accesses(), "accesses")) {
      long[] reported = {0};
      manifest = TraceGenerator.generate(spec, out, settings, written -> {
        progress.step(written - reported[0]);
        reported[0] = written;
      });
    }
    Generated generated = new Generated(manifest.traceId(), out, manifest.host(), manifest.vms().size(),
        manifest.events(RecordKind.ACCESSES), manifest.events(RecordKind.CONTENTS), manifest.endNs() - manifest.startNs(),
        (System.nanoTime() - started) / 1e9);
    stdout.printf("Wrote trace %s to %s: %,d accesses and %,d page snapshots of %d VMs over %s, in %.1f s.%n",
        generated.traceId(), out, generated.accesses(), generated.pageSnapshots(), generated.vms(),
        Durations.describe(generated.durationNs()), generated.seconds());
    return generated;
  }
}
