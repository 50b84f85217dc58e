package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.broker.EmbeddedBroker;
import io.memreplay.ingest.kafka.TraceTopics;
import io.memreplay.schemas.avro.TraceStart;
import io.memreplay.schemas.avro.TraceVm;
import io.memreplay.schemas.kafka.TraceMessageCodec;
import io.memreplay.schemas.kafka.TraceMessageException;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.TraceBatch;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish} and {@code replay --kafka} end to end against a real broker started in the test: the
 * result tables read through DuckDB equal those of the Parquet replays of the same traces.
 */
class KafkaCommandsTest {

  private static final List<String> HOSTS = List.of("esx-01", "esx-02", "esx-03");
  /**
   * Every result table, wall-clock columns and how the trace was checked left out: they are the only ones a
   * Kafka and a Parquet replay of one trace may differ in.
   */
  private static final List<String> TABLES = List.of(
      "SELECT * EXCLUDE (started_at_ns, finished_at_ns, trace_verification) FROM runs ORDER BY ALL",
      "SELECT * FROM vm_intervals ORDER BY ALL",
      "SELECT * FROM working_sets ORDER BY ALL",
      "SELECT * FROM translation ORDER BY ALL",
      "SELECT * FROM host_intervals ORDER BY ALL");

  @TempDir
  static Path dir;
  private static EmbeddedBroker broker;
  private static List<Path> traces = new ArrayList<>();
  private static Path parquetResults;

  @BeforeAll
  static void startBrokerAndReplayTracesFromParquet() throws Exception {
    broker = EmbeddedBroker.start(0, null);
    parquetResults = dir.resolve("parquet-results");
    for (int i = 0; i < HOSTS.size(); i++) {
      Path trace = dir.resolve(HOSTS.get(i));
      CommandLineRun.of("generate", "--out", trace, "--vms", 2, "--accesses", 30000, "--guest-mb", 16,
          "--duration", "2m", "--seed", 20 + i, "--host", HOSTS.get(i)).expect(ExitCode.OK);
      CommandLineRun.of("replay", "--trace", trace, "--out", parquetResults, "--interval", "10s",
          "--windows", "5s,20s", "--policy", "esxi-default,esxi-share-all").expect(ExitCode.OK);
      traces.add(trace);
    }
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void publishedHostsReplayedFromKafkaGiveTheTablesOfTheirParquetReplays() throws Exception {
    List<Object> publish = new ArrayList<>(List.of("publish", "--bootstrap", broker.bootstrap(), "--topic", "hosts",
        "--partitions", 2));
    for (Path trace : traces) {
      publish.add("--trace");
      publish.add(trace);
    }
    CommandLineRun published = CommandLineRun.of(publish.toArray()).expect(ExitCode.OK);
    assertTrue(published.out().contains("Published 3 hosts to topic hosts (2 partitions)"), published.out());

    Path kafkaResults = dir.resolve("kafka-results");
    CommandLineRun replayed = CommandLineRun.of("replay", "--kafka", broker.bootstrap(), "--topic", "hosts", "--group", "cli",
        "--out", kafkaResults, "--interval", "10s", "--windows", "5s,20s", "--policy", "esxi-default,esxi-share-all")
        .expect(ExitCode.OK);
    assertTrue(replayed.out().contains("replayed 3 hosts from topic hosts"), replayed.out());

    try (ResultsDatabase fromParquet = ResultsDatabase.open(List.of(parquetResults));
        ResultsDatabase fromKafka = ResultsDatabase.open(List.of(kafkaResults))) {
      for (String table : TABLES) {
        List<List<String>> expected = rows(fromParquet, table);
        // host_intervals stays empty until the memory engine fills it
        assertTrue(table.contains("host_intervals") || !expected.isEmpty(), table);
        assertEquals(expected, rows(fromKafka, table), table);
      }
      assertEquals(6L, (long) fromKafka.query("SELECT count(DISTINCT run_id) FROM runs", rows -> {
        rows.next();
        return rows.getLong(1);
      }));
    }
  }

  @Test
  void aSequenceGapMakesTheRunIncompleteCountsTheEventsLostAndKeepsTheCompleteRun() throws Exception {
    CommandLineRun.of("publish", "--bootstrap", broker.bootstrap(), "--topic", "whole", "--partitions", 1,
        "--trace", traces.get(1)).expect(ExitCode.OK);
    List<ConsumerRecord<byte[], byte[]>> messages = readAll("whole");
    // the same messages but the third (a batch): a gap before the fourth, which is not replayed either
    TraceTopics.ensure(broker.bootstrap(), "gap", 1);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        broker.bootstrap()), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < messages.size(); i++) {
        if (i != 2) {
          producer.send(new ProducerRecord<>("gap", messages.get(i).key(), messages.get(i).value())).get();
        }
      }
    }
    long lost = events(messages.get(2)) + events(messages.get(3));
    Path out = dir.resolve("gap-results");
    CommandLineRun.of("replay", "--kafka", broker.bootstrap(), "--topic", "whole", "--group", "gap", "--out", out,
        "--interval", "10s").expect(ExitCode.OK);
    String complete = CommandLineRun.of("sql", "--results", out, "--format", "csv", "SELECT * FROM runs ORDER BY ALL")
        .expect(ExitCode.OK).out();

    CommandLineRun gap = CommandLineRun.of("replay", "--kafka", broker.bootstrap(), "--topic", "gap", "--group", "gap",
        "--out", out, "--interval", "10s").expect(ExitCode.OK);
    assertTrue(gap.err().contains(String.format(java.util.Locale.ROOT, "the runs are INCOMPLETE: %,d events lost: a sequence gap: host esx-02's"
        + " message 2 is missing and message 3 (partition 0, offset 2) was not replayed", lost)), gap.err());
    assertTrue(gap.err().contains("holds a COMPLETE run of the same inputs, which was kept"), gap.err());
    assertEquals(complete, CommandLineRun.of("sql", "--results", out, "--format", "csv", "SELECT * FROM runs ORDER BY ALL")
        .expect(ExitCode.OK).out(), "the complete run is still the one in the results");

    Path alone = dir.resolve("gap-alone");
    CommandLineRun.of("replay", "--kafka", broker.bootstrap(), "--topic", "gap", "--group", "gap-alone", "--out", alone,
        "--interval", "10s", "--strict").expect(ExitCode.REJECTS);
    CommandLineRun incomplete = CommandLineRun.of("sql", "--results", alone, "--format", "csv",
        "SELECT lost_events, rejected, split_part(status, ':', 1) AS status FROM runs").expect(ExitCode.OK);
    assertEquals("lost_events,rejected,status\r\n" + lost + ",1,INCOMPLETE\r\n", incomplete.out());
  }

  /** Every message of a one-partition topic, in order. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        broker.bootstrap(), ConsumerConfig.GROUP_ID_CONFIG, topic + "-copier", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && (records.isEmpty() || !isEnd(records.get(records.size() - 1)))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static boolean isEnd(ConsumerRecord<byte[], byte[]> record) {
    try {
      return TraceMessageCodec.readHeader(record.value()).type() == TraceMessageCodec.Type.END;
    } catch (TraceMessageException e) {
      return false;
    }
  }

  /** The events of a batch message. */
  private static int events(ConsumerRecord<byte[], byte[]> record) throws TraceMessageException {
    TraceMessageCodec.Header header = TraceMessageCodec.readHeader(record.value());
    Columns rows = header.kind().newColumns(TraceBatch.DEFAULT_ACCESS_CAPACITY);
    TraceMessageCodec.readBatch(record.value(), header, rows);
    return rows.size();
  }

  @Test
  void publishAndReplayWithJsonPrintOneDocumentEachAndTheirTextOnStderr() throws Exception {
    CommandLineRun published = CommandLineRun.of("publish", "--bootstrap", broker.bootstrap(), "--topic", "json",
        "--partitions", 1, "--trace", traces.get(1), "--json").expect(ExitCode.OK);
    JsonNode publishDoc = new ObjectMapper().readTree(published.out());
    assertEquals("json", publishDoc.get("topic").asText());
    JsonNode host = publishDoc.get("hosts").get(0);
    assertEquals(30000, host.get("accesses").asLong(), published.out());
    assertEquals(publishDoc.get("accesses").asLong(), host.get("accesses").asLong());
    assertTrue(published.err().contains("Published 1 host to topic json"), published.err());

    Path out = dir.resolve("json-results");
    CommandLineRun replayed = CommandLineRun.of("replay", "--kafka", broker.bootstrap(), "--topic", "json", "--group",
        "json", "--out", out, "--interval", "10s", "--json").expect(ExitCode.OK);
    JsonNode replayDoc = new ObjectMapper().readTree(replayed.out());
    JsonNode replayedHost = replayDoc.get("hosts").get(0);
    assertEquals(host.get("host").asText(), replayedHost.get("host").asText());
    assertEquals(host.get("trace_id").asText(), replayedHost.get("trace_id").asText());
    assertEquals(30000, replayDoc.get("accesses").asLong());
    String runId = replayedHost.get("runs").get(0).get("run_id").asText();
    assertEquals("n\r\n1\r\n", CommandLineRun.of("sql", "--results", out, "--format", "csv",
        "SELECT count(*) AS n FROM runs WHERE run_id = '" + runId + "'").expect(ExitCode.OK).out());
    assertTrue(replayed.err().contains("replayed 1 host from topic json"), replayed.err());
  }

  @Test
  void aMessageWithoutAStartMarkerIsARejectWithPartitionAndOffset() throws Exception {
    CommandLineRun.of("publish", "--bootstrap", broker.bootstrap(), "--topic", "stray", "--partitions", 1,
        "--trace", traces.get(0)).expect(ExitCode.OK);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        broker.bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("stray", "esx-01", "garbage".getBytes(StandardCharsets.UTF_8))).get();
    }
    Path out = dir.resolve("stray-results");
    CommandLineRun replayed = CommandLineRun.of("replay", "--kafka", broker.bootstrap(), "--topic", "stray",
        "--group", "cli", "--out", out, "--interval", "10s", "--strict").expect(ExitCode.REJECTS);
    assertTrue(replayed.out().contains("Rejected 1 input messages"), replayed.out());
    CommandLineRun rejects = CommandLineRun.of("sql", "--results", out, "--format", "csv",
        "SELECT source, partition, position, kind, reason FROM rejects").expect(ExitCode.OK);
    assertTrue(rejects.out().contains("stray,0,"), rejects.out());
    assertTrue(rejects.out().contains(",message,not an Avro single-object encoded message"), rejects.out());
  }

  @Test
  void aHostWithoutEndMarkerIsReplayedAsFarAsItCameAndPublishedIncompleteThenReplayedAgain() throws Exception {
    TraceStart start = TraceStart.newBuilder().setFormatVersion(1).setTraceId("cut-short").setDigest("test:cut-short")
        .setHost("esx-09").setVms(List.of(new TraceVm(0, "vm-0"))).setStartNs(0).setEndNs(null).setEvents(null)
        .setScenarioYaml(Files.readString(traces.get(0).resolve("scenario.yaml"))).setProducer("test").build();
    TraceTopics.ensure(broker.bootstrap(), "cut", 1);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        broker.bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("cut", "esx-09", TraceMessageCodec.start(0, start))).get();
    }
    Path out = dir.resolve("cut-results");
    CommandLineRun run = CommandLineRun.of("replay", "--kafka", broker.bootstrap(), "--topic", "cut", "--group", "cli",
        "--out", out).expect(ExitCode.OK);
    assertTrue(run.err().contains("the runs are INCOMPLETE: events lost, how many is unknown: host esx-09's trace from "
        + "offset 0 of partition 0 has no end marker by offset 0"), run.err());
    assertTrue(run.out().contains("replayed 1 host"), run.out());
    CommandLineRun status = CommandLineRun.of("sql", "--results", out, "--format", "csv",
        "SELECT split_part(status, ':', 1) AS status, lost_events IS NULL AS unknown FROM runs").expect(ExitCode.OK);
    assertEquals("status,unknown\r\nINCOMPLETE,true\r\n", status.out());
    // the host stays unfinished in the group's offsets: a later worker replays it from its start marker again
    CommandLineRun.of("replay", "--kafka", broker.bootstrap(), "--topic", "cut", "--group", "cli", "--out", out, "--strict")
        .expect(ExitCode.REJECTS);
  }

  @Test
  void kafkaOptionsAreCheckedLikeEveryOther() {
    CommandLineRun both = CommandLineRun.of("replay", "--trace", traces.get(0), "--kafka", broker.bootstrap(),
        "--topic", "t", "--out", dir.resolve("x")).expect(ExitCode.USAGE);
    assertTrue(both.err().contains("either --trace DIR or --kafka HOST:PORT"), both.err());
    CommandLineRun noTopic = CommandLineRun.of("replay", "--kafka", broker.bootstrap(), "--out", dir.resolve("x"))
        .expect(ExitCode.USAGE);
    assertTrue(noTopic.err().contains("--kafka needs --topic"), noTopic.err());
    CommandLineRun.of("publish", "--bootstrap", broker.bootstrap(), "--topic", "t", "--partitions", 0,
        "--trace", traces.get(0)).expect(ExitCode.BAD_INPUT);
    CommandLineRun twice = CommandLineRun.of("publish", "--bootstrap", broker.bootstrap(), "--topic", "t",
        "--trace", traces.get(0), "--trace", traces.get(0)).expect(ExitCode.BAD_INPUT);
    assertTrue(twice.err().contains("are both host 'esx-01'"), twice.err());
    CommandLineRun.of("broker", "--port", 70000).expect(ExitCode.BAD_INPUT);
  }

  @Test
  void aMissingTopicIsBadInputSaidInOneLine() {
    CommandLineRun run = CommandLineRun.of("replay", "--kafka", broker.bootstrap(), "--topic", "tracez",
        "--out", dir.resolve("never")).expect(ExitCode.BAD_INPUT);
    assertEquals(1, said(run).size(), run.err());
    assertTrue(said(run).get(0).contains("topic 'tracez' does not exist on " + broker.bootstrap()), run.err());
    assertTrue(Files.notExists(dir.resolve("never")));
  }

  @Test
  void anUnreachableBrokerFailsAfterTheTimeoutInOneLine() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String nowhere = "127.0.0.1:" + closedPort;
    CommandLineRun publish = CommandLineRun.of("publish", "--bootstrap", nowhere, "--topic", "t", "--timeout", "1s",
        "--trace", traces.get(0)).expect(ExitCode.FAILURE);
    assertEquals(List.of("memreplay publish: no Kafka broker answered at " + nowhere + " within 1.0 s (is one running there, "
        + "and is the address right? --timeout waits longer)"), said(publish));
    CommandLineRun replay = CommandLineRun.of("replay", "--kafka", nowhere, "--topic", "t", "--timeout", "1s",
        "--out", dir.resolve("never")).expect(ExitCode.FAILURE);
    assertEquals(1, said(replay).size(), replay.err());
    CommandLineRun.of("replay", "--trace", traces.get(0), "--timeout", "1s", "--out", dir.resolve("never"))
        .expect(ExitCode.USAGE);
  }

  @Test
  void aSecondBrokerOnATakenPortIsRefusedInOneLine() {
    String port = broker.bootstrap().substring(broker.bootstrap().lastIndexOf(':') + 1);
    CommandLineRun run = CommandLineRun.of("broker", "--port", port).expect(ExitCode.BAD_INPUT);
    assertEquals(List.of("memreplay broker: 127.0.0.1:" + port + " is taken (is a broker running there already?); "
        + "--port chooses another, --port 0 a free one"), said(run));
  }

  @Test
  void aFollowingWorkerStoppedBySigtermStillPrintsWhatItReplayedWhole() throws Exception {
    CommandLineRun.of("publish", "--bootstrap", broker.bootstrap(), "--topic", "follow", "--partitions", 1,
        "--trace", traces.get(0)).expect(ExitCode.OK);
    Path out = dir.resolve("follow-results");
    Path stdout = dir.resolve("follow-stdout.txt");
    Path stderr = dir.resolve("follow-stderr.txt");
    ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // the worker's log says when the host is replayed; the tests' logging configuration keeps it to warnings
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "replay", "--kafka", broker.bootstrap(), "--topic", "follow", "--group", "follow",
        "--follow", "--out", out.toString(), "--interval", "10s", "--json");
    java.environment().remove(Main.DEBUG_VARIABLE);
    Process worker = java.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    try {
      while (!Files.readString(stderr, StandardCharsets.UTF_8).contains("host esx-01: replayed and published")) {
        assertTrue(worker.isAlive(), () -> "the worker ended before it was stopped: " + read(stderr));
        Thread.sleep(50);
      }

      worker.destroy();

      assertTrue(worker.waitFor(60, TimeUnit.SECONDS));
    } finally {
      worker.destroyForcibly();
    }
    // the JVM's status for SIGTERM; what the worker replayed is published, and said in full, the JSON document too
    assertEquals(143, worker.exitValue(), read(stderr));
    JsonNode replayed = new ObjectMapper().readTree(stdout.toFile());
    assertTrue(replayed.has("hosts"), () -> "no whole JSON document on stdout: " + read(stdout));
    assertEquals(1, replayed.get("hosts").size(), read(stdout));
    assertEquals("esx-01", replayed.get("hosts").get(0).get("host").asText(), read(stdout));
    assertTrue(read(stderr).contains("Worker of group follow replayed 1 host from topic follow in "), read(stderr));
    assertTrue(read(stderr).contains("Results in " + out + "; summary: memreplay report --results " + out),
        read(stderr));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "(" + e + ")";
    }
  }

  /**
   * What the command itself wrote to stderr: the lines of the Kafka client's log, which the tests' logging
   * configuration keeps at warnings (the command line's keeps it to errors), left out.
   */
  private static List<String> said(CommandLineRun run) {
    return run.err().lines().filter(line -> !line.startsWith("[")).toList();
  }

  private static List<List<String>> rows(ResultsDatabase database, String sql) throws Exception {
    return database.query(sql, rows -> {
      List<List<String>> all = new ArrayList<>();
      ResultSetMetaData meta = rows.getMetaData();
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          row.add(meta.getColumnName(c) + "=" + rows.getString(c));
        }
        all.add(row);
      }
      return all;
    });
  }
}
