package io.memreplay.cli;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Kafka broker of {@code memreplay broker}, loaded only when that command runs. Its ~30 jars (Kafka's
 * server, Scala, log4j) are not on the tool's class path, which every other command starts with: the build
 * puts them in {@value #FOLDER}/ beside the tool's jar, and a class loader of their own (whose parent is the
 * tool's, so Kafka's client and logging classes are shared) loads {@code io.memreplay.broker.EmbeddedBroker}
 * from there. Where the broker is on the class path already (the tests), it is taken from there.
 */
final class BrokerJars {

  /** The folder beside the tool's jar that holds the broker's jars. */
  static final String FOLDER = "broker-lib";
  private static final String BROKER_CLASS = "io.memreplay.broker.EmbeddedBroker";

  private BrokerJars() {}

  /** A started broker: where clients connect, its log folder, and how to stop it. */
  record RunningBroker(String bootstrap, Path dataDir, AutoCloseable broker) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      broker.close();
    }
  }

  /**
   * Starts a broker on {@code port} (0 for a free one) with log folder {@code data} (null for a temporary one).
   *
   * @throws BadInputException when the broker's jars are not installed beside the tool
   */
  static RunningBroker start(int port, Path data) throws Exception {
    Class<?> broker = brokerClass();
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    MethodHandle start = lookup.findStatic(broker, "start", MethodType.methodType(broker, int.class, Path.class));
    MethodHandle bootstrap = lookup.findVirtual(broker, "bootstrap", MethodType.methodType(String.class));
    MethodHandle dataDir = lookup.findVirtual(broker, "dataDir", MethodType.methodType(Path.class));
    try {
      AutoCloseable started = (AutoCloseable) start.invoke(port, data);
      return new RunningBroker((String) bootstrap.invoke(started), (Path) dataDir.invoke(started), started);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static Class<?> brokerClass() throws BadInputException, IOException {
    ClassLoader own = BrokerJars.class.getClassLoader();
    try {
      return Class.forName(BROKER_CLASS, true, own);
    } catch (ClassNotFoundException notOnClassPath) {
      Path folder = folder();
      List<URL> jars = jars(folder);
      if (jars.isEmpty()) {
        throw new BadInputException("the Kafka broker's jars are not installed: " + folder + " has none (build the tool"
            + " with ./mvnw -B -ntp -DskipTests -pl cli -am package, which puts them there)");
      }
      // the loader lives as long as the broker, which is as long as this command
      @SuppressWarnings("resource")
      URLClassLoader loader = new URLClassLoader("memreplay-broker", jars.toArray(URL[]::new), own);
      try {
        return Class.forName(BROKER_CLASS, true, loader);
      } catch (ClassNotFoundException e) {
        throw new BadInputException(folder + " holds no " + BROKER_CLASS + ": rebuild the tool", e);
      }
    }
  }

  /** {@value #FOLDER}/ beside the jar this class was loaded from. */
  static Path folder() throws IOException {
    try {
      Path jar = Path.of(BrokerJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return jar.resolveSibling(FOLDER);
    } catch (URISyntaxException e) {
      throw new IOException("where the tool's jar is cannot be told: " + e.getMessage(), e);
    }
  }

  private static List<URL> jars(Path folder) throws IOException {
    List<URL> jars = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return jars;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path jar : files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList()) {
        jars.add(url(jar));
      }
    }
    return jars;
  }

  private static URL url(Path jar) throws MalformedURLException {
    return jar.toUri().toURL();
  }
}
