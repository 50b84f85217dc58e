package io.memreplay.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka cluster, KRaft mode, broker and controller in one process, listening on 127.0.0.1
 * only. The log folder is formatted on first use and kept across {@link #stop()} and {@link #start()}, so
 * a restarted broker has its topics, records and committed offsets again, as a real one would.
 *
 * <p>Internal topics get replication factor 1 (there is one node), and consumer groups start without the
 * initial rebalance delay: a group of workers forms as soon as they join.
 */
public final class EmbeddedBroker implements AutoCloseable {

  /** How long a start may take before it counts as failed; a cold start here takes 3 to 5 s. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final String HOST = "127.0.0.1";

  private final Path dataDir;
  private final boolean ownsDataDir;
  private final int port;
  private final int controllerPort;
  private KafkaRaftServer server;

  private EmbeddedBroker(Path dataDir, boolean ownsDataDir, int port, int controllerPort) {
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /**
   * Starts a broker.
   *
   * @param port the client port; 0 picks a free one
   * @param dataDir the log folder, formatted if it holds no cluster yet and kept on {@link #close()}; null
   *     for a temporary folder that {@link #close()} deletes
   */
  public static EmbeddedBroker start(int port, Path dataDir) throws IOException {
    boolean temporary = dataDir == null;
    Path dir = temporary ? Files.createTempDirectory("memreplay-kafka-") : dataDir.toAbsolutePath();
    Files.createDirectories(dir);
    int[] ports = freePorts(port);
    EmbeddedBroker broker = new EmbeddedBroker(dir, temporary, ports[0], ports[1]);
    try {
      broker.start();
    } catch (IOException | RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  /** {@code 127.0.0.1:port}, what clients are given as bootstrap servers. */
  public String bootstrap() {
    return HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Starts the broker again after {@link #stop()}, on the same ports and log folder. */
  public synchronized void start() throws IOException {
    if (server != null) {
      return;
    }
    Properties config = config();
    if (!Files.exists(dataDir.resolve("meta.properties"))) {
      format(config);
    }
    KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
    try {
      starting.startup();
    } catch (RuntimeException e) {
      // a half-started server holds threads and the controller port
      starting.shutdown();
      starting.awaitShutdown();
      throw e;
    }
    server = starting;
    awaitReady();
  }

  /** Shuts the broker down cleanly, keeping its log folder. */
  public synchronized void stop() {
    if (server != null) {
      KafkaRaftServer stopping = server;
      server = null;
      stopping.shutdown();
      stopping.awaitShutdown();
    }
  }

  /** Stops the broker and deletes its log folder if it was a temporary one. */
  @Override
  public void close() {
    stop();
    if (ownsDataDir) {
      deleteRecursively(dataDir);
    }
  }

  private Properties config() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    // a static quorum of this one node: the folder is formatted without --standalone
    p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", dataDir.toString());
    // without these, a one-node cluster cannot create __consumer_offsets and groups never get records
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // trace batches are up to a few MB; the topic format allows 8 MB messages (docs/kafka.md "Kafka topic format")
    p.put("message.max.bytes", Integer.toString(8 << 20));
    p.put("num.partitions", "1");
    // a mistyped topic name must not create a topic: publish creates trace topics, the worker its dead-letter topic
    p.put("auto.create.topics.enable", "false");
    // socket buffers sized by the OS, which grows them with the connection, rather than Kafka's fixed 100 KB
    p.put("socket.send.buffer.bytes", "-1");
    p.put("socket.receive.buffer.bytes", "-1");
    return p;
  }

  /** Writes the cluster id and node metadata into a fresh log folder, as {@code kafka-storage.sh format} does. */
  private void format(Properties config) throws IOException {
    Path file = Files.createTempFile("memreplay-kafka-", ".properties");
    try {
      try (OutputStream out = Files.newOutputStream(file)) {
        config.store(out, "memreplay embedded broker");
      }
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
      StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString()}, quiet);
    } catch (Exception e) {
      throw new IOException("formatting the Kafka log folder " + dataDir + " failed: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Waits until the broker answers a client, so that callers can use it at once. */
  private void awaitReady() throws IOException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) START_TIMEOUT.toMillis()))) {
      admin.describeCluster().nodes().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("the Kafka broker on " + bootstrap() + " did not answer within " + START_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the Kafka broker on " + bootstrap(), e);
    }
  }

  /**
   * A port free on 127.0.0.1 now. Another process could take it before the broker binds it; for a broker
   * started on demand that race is rare enough, and the start then fails saying so.
   */
  /**
   * The client port ({@code port}, or a free one when 0) and a free controller port other than it. Both
   * probe sockets stay open until both ports are known, so the system cannot hand the same port out twice.
   */
  private static int[] freePorts(int port) throws IOException {
    InetAddress host = InetAddress.getByName(HOST);
    try (ServerSocket client = port == 0 ? new ServerSocket(0, 1, host) : null;
        ServerSocket controller = new ServerSocket(0, 1, host)) {
      int clientPort = client == null ? port : client.getLocalPort();
      if (controller.getLocalPort() == clientPort) {
        throw new IOException("no free controller port beside client port " + clientPort);
      }
      return new int[] {clientPort, controller.getLocalPort()};
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      System.err.println("memreplay: could not delete the broker's temporary folder " + dir + ": " + e.getMessage());
    }
  }
}
