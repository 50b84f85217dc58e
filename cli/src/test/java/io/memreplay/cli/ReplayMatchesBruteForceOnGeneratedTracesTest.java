package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.SharingPolicy;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.PageContent;
import io.memreplay.schemas.parquet.ParquetFiles;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.parquet.hadoop.ParquetReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end on traces from the real generator: {@code generate}, then {@code replay} under all three
 * salting modes, then the result rows read back through DuckDB equal a brute-force computation over
 * the trace's records, read independently with parquet-avro and kept in plain Java maps.
 */
class ReplayMatchesBruteForceOnGeneratedTracesTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long INTERVAL = 10 * SECOND;
  private static final long[] WINDOWS = {5 * SECOND, 10 * SECOND, 30 * SECOND};
  private static final List<String> POLICIES = List.of(Policies.ESXI_DEFAULT, "esxi-share-all", "salt-groups");

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void workingSetsAndSharingPotentialEqualBruteForce(long seed) throws Exception {
    Path trace = dir.resolve("trace");
    Path results = dir.resolve("results");
    CommandLineRun.of("generate", "--out", trace, "--vms", 4, "--accesses", 40000, "--guest-mb", 16,
        "--duration", "2m", "--seed", seed).expect(ExitCode.OK);
    CommandLineRun.of("replay", "--trace", trace, "--out", results, "--policy", String.join(",", POLICIES),
        "--interval", "10s", "--windows", "5s,10s,30s").expect(ExitCode.OK);

    Scenario scenario = ConfigYaml.scenario(Files.readString(trace.resolve("scenario.yaml")), "scenario.yaml");
    TraceManifest manifest = TraceDataset.open(trace).manifest();
    List<SpecificRecordBase> events = readInReplayOrder(trace, manifest);
    Map<String, Double> potentialByPolicy = new HashMap<>();
    try (ResultsDatabase database = ResultsDatabase.open(List.of(results))) {
      for (String policy : POLICIES) {
        SharingPolicy sharing = Policies.builtIn(policy).sharing();
        List<List<Object>> expectedVm = new ArrayList<>();
        List<List<Object>> expectedWindows = new ArrayList<>();
        bruteForce(events, scenario, sharing, manifest.startNs(), manifest.endNs(), expectedVm, expectedWindows);
        assertRowsEqual(expectedVm, rows(database, "SELECT interval_end_ns, vm, accesses, working_set_pages, touched_pages, "
            + "known_content_pages, zero_pages, intra_dup_pages, round(inter_dup_pages, 6), round(sharing_potential_pages, 6) "
            + "FROM vm_intervals WHERE policy = '" + policy + "' ORDER BY interval_end_ns, vm"), policy);
        assertRowsEqual(expectedWindows, rows(database, "SELECT t_ns, vm, tau_ns, working_set_pages, working_set_large_pages "
            + "FROM working_sets WHERE policy = '" + policy + "' ORDER BY t_ns, vm, tau_ns"), policy);
        potentialByPolicy.put(policy, expectedVm.stream().mapToDouble(row -> (Double) row.get(9)).sum());
        assertTrue(expectedVm.stream().anyMatch(row -> (Long) row.get(3) > 0), "some working set is not empty");
        assertTrue(expectedVm.stream().anyMatch(row -> (Long) row.get(6) > 0), "some zero pages");
      }
    }
    // the comparison is not vacuous: the salting modes give different, growing potentials
    assertTrue(potentialByPolicy.get(Policies.ESXI_DEFAULT) < potentialByPolicy.get("salt-groups"), potentialByPolicy.toString());
    assertTrue(potentialByPolicy.get("salt-groups") < potentialByPolicy.get("esxi-share-all"), potentialByPolicy.toString());
  }

  private static void assertRowsEqual(List<List<Object>> expected, List<List<Object>> actual, String policy) {
    assertEquals(expected.size(), actual.size(), policy + ": rows");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).toString(), actual.get(i).toString(), policy + ": row " + i);
    }
  }

  private static List<List<Object>> rows(ResultsDatabase database, String sql) throws Exception {
    return database.query(sql, result -> {
      List<List<Object>> rows = new ArrayList<>();
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int c = 1; c <= columns; c++) {
          Object value = result.getObject(c);
          row.add(value instanceof Number n && !(value instanceof Double) ? n.longValue() : value);
        }
        rows.add(row);
      }
      return rows;
    });
  }

  /** Every record of the trace, read with parquet-avro, in (ts_ns, kind) order. */
  private static List<SpecificRecordBase> readInReplayOrder(Path trace, TraceManifest manifest) throws Exception {
    List<SpecificRecordBase> events = new ArrayList<>();
    List<Integer> kinds = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      for (TraceManifest.FileEntry file : manifest.files(kind)) {
        try (ParquetReader<SpecificRecordBase> reader = ParquetFiles.avroReader(trace.resolve(kind.table()).resolve(file.name()))) {
          for (SpecificRecordBase record; (record = reader.read()) != null; ) {
            events.add(record);
            kinds.add(kind.ordinal());
          }
        }
      }
    }
    Integer[] order = new Integer[events.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int byTs = Long.compare((Long) events.get(a).get("ts_ns"), (Long) events.get(b).get("ts_ns"));
      return byTs != 0 ? byTs : Integer.compare(kinds.get(a), kinds.get(b));
    });
    List<SpecificRecordBase> sorted = new ArrayList<>();
    for (Integer i : order) {
      sorted.add(events.get(i));
    }
    return sorted;
  }

  /** The expected vm_intervals and working_sets rows, from maps updated event by event. */
  private static void bruteForce(List<SpecificRecordBase> events, Scenario scenario, SharingPolicy sharing, long start,
      long end, List<List<Object>> vmRows, List<List<Object>> windowRows) {
    List<Integer> vms = scenario.vms().stream().map(VmSpec::id).sorted().toList();
    Map<Integer, Map<Long, Long>> content = new HashMap<>();
    Map<Integer, Map<Long, Long>> lastAccess = new HashMap<>();
    Map<Integer, Set<Long>> touched = new HashMap<>();
    Map<Integer, Long> accesses = new HashMap<>();
    int next = 0;
    for (long boundary = (start / INTERVAL + 1) * INTERVAL; boundary <= (end / INTERVAL + 1) * INTERVAL; boundary += INTERVAL) {
      accesses.clear();
      while (next < events.size() && (Long) events.get(next).get("ts_ns") < boundary) {
        SpecificRecordBase event = events.get(next++);
        if (event instanceof PageContent c) {
          content.computeIfAbsent(c.getVm(), v -> new HashMap<>()).put(c.getGpn(), c.getHash());
          touched.computeIfAbsent(c.getVm(), v -> new HashSet<>()).add(c.getGpn());
        } else if (event instanceof MemoryAccess a) {
          long gpn = a.getGpa() >>> 12;
          accesses.merge(a.getVm(), 1L, Long::sum);
          lastAccess.computeIfAbsent(a.getVm(), v -> new HashMap<>()).put(gpn, a.getTsNs());
          touched.computeIfAbsent(a.getVm(), v -> new HashSet<>()).add(gpn);
          if (a.getOp() == AccessOp.WRITE) {
            Map<Long, Long> pages = content.computeIfAbsent(a.getVm(), v -> new HashMap<>());
            if (a.getContentHash() == null) {
              pages.remove(gpn);
            } else {
              pages.put(gpn, a.getContentHash());
            }
          }
        }
      }
      Map<Integer, Set<Long>> held = new HashMap<>();
      content.forEach((vm, pages) -> held.put(vm, new HashSet<>(pages.values())));
      for (int vm : vms) {
        Map<Long, Long> last = lastAccess.getOrDefault(vm, Map.of());
        double[] sharingFigures = sharing(content, held, vm, scenario, sharing);
        vmRows.add(List.of(boundary, (long) vm, accesses.getOrDefault(vm, 0L), distinct(last, boundary - INTERVAL, 0),
            (long) touched.getOrDefault(vm, Set.of()).size(), (long) content.getOrDefault(vm, Map.of()).size(),
            (long) sharingFigures[0], (long) sharingFigures[1], round(sharingFigures[2]), round(sharingFigures[3])));
        for (long window : WINDOWS) {
          windowRows.add(List.of(boundary, (long) vm, window, distinct(last, boundary - window, 0),
              distinct(last, boundary - window, 9)));
        }
      }
    }
  }

  private static double round(double value) {
    return Math.round(value * 1e6) / 1e6;
  }

  private static long distinct(Map<Long, Long> lastAccess, long from, int shift) {
    Set<Long> seen = new HashSet<>();
    lastAccess.forEach((gpn, ts) -> {
      if (ts >= from) {
        seen.add(gpn >>> shift);
      }
    });
    return seen.size();
  }

  /** zero, intra, inter, potential of {@code vm}, straight from the definitions in docs/model.md. */
  private static double[] sharing(Map<Integer, Map<Long, Long>> content, Map<Integer, Set<Long>> held, int vm,
      Scenario scenario, SharingPolicy sharing) {
    Map<Long, Integer> copies = new HashMap<>();
    content.getOrDefault(vm, Map.of()).values().forEach(hash -> copies.merge(hash, 1, Integer::sum));
    double zero = 0;
    double intra = 0;
    double inter = 0;
    double potential = 0;
    for (Map.Entry<Long, Integer> entry : copies.entrySet()) {
      int holders = 0;
      for (VmSpec other : scenario.vms()) {
        if (salt(other, sharing).equals(salt(scenario.vm(vm), sharing))
            && held.getOrDefault(other.id(), Set.of()).contains(entry.getKey())) {
          holders++;
        }
      }
      int n = entry.getValue();
      potential += n - 1.0 / holders;
      if (entry.getKey() == 0) {
        zero += n;
      } else {
        intra += n - 1;
        inter += 1 - 1.0 / holders;
      }
    }
    return new double[] {zero, intra, inter, potential};
  }

  private static String salt(VmSpec vm, SharingPolicy sharing) {
    String own = "own:" + vm.id();
    return switch (sharing.salting()) {
      case 0 -> "everyone";
      case 1 -> vm.salt() != null ? "salt:" + vm.salt()
          : sharing.unsaltedVms() == SharingPolicy.UnsaltedVms.COMMON ? "unsalted" : own;
      default -> vm.salt() != null ? "salt:" + vm.salt() : own;
    };
  }
}
