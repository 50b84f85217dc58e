package io.memreplay.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code memreplay broker}: a real Kafka broker to try the Kafka path without Docker. */
@Command(name = "broker", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs a single-node Kafka broker (KRaft, broker and controller in one) on 127.0.0.1 until Ctrl-C.",
        "Kafka's own broker, in this JVM: publish and replay --kafka work against it as against any Kafka."})
final class BrokerCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "9092", description = "the client port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
  int port;

  @Option(names = "--data", paramLabel = "DIR",
      description = "the log folder, kept between runs (default: a temporary folder, deleted on exit)")
  Path data;

  @Mixin
  JsonOption json;

  /** What {@code broker --json} prints once the broker is up: where clients connect, and its log folder. */
  record Started(String bootstrap, Path data, boolean temporary) {}

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new BadInputException("--port must be within 0 and 65535, was " + port);
    }
    if (port != 0) {
      requireFree(port);
    }
    BrokerJars.RunningBroker broker;
    try {
      broker = BrokerJars.start(port, data);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException("the broker could not start on 127.0.0.1:" + port + " (is the port taken?): "
          + e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      System.err.println("memreplay broker: stopping...");
      try {
        broker.close();
      } catch (Exception e) {
        System.err.println("memreplay broker: stopping failed: " + e);
      }
      stopped.countDown();
    }, "broker-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Interruption.handledByCommand();
    if (json.enabled) {
      json.print(new Started(broker.bootstrap(), broker.dataDir(), data == null));
    } else {
      System.out.println(broker.bootstrap());
      System.out.flush();
    }
    System.err.println("memreplay broker: Kafka (KRaft, single node) on " + broker.bootstrap() + ", log folder "
        + broker.dataDir() + (data == null ? " (temporary)" : "") + ". Ctrl-C stops it.");
    stopped.await();
    return ExitCode.OK.code();
  }

  /**
   * Refuses a taken port before Kafka starts: Kafka would say so only after formatting its log folder,
   * in an error with pages of stack traces.
   */
  private static void requireFree(int port) throws BadInputException {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(false);
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new BadInputException("127.0.0.1:" + port + " is taken (is a broker running there already?); "
          + "--port chooses another, --port 0 a free one", e);
    }
  }
}
