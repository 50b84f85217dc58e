package io.memreplay.engine.config;

import static io.memreplay.engine.config.PageSize.SIZE_1G;
import static io.memreplay.engine.config.PageSize.SIZE_2M;
import static io.memreplay.engine.config.PageSize.SIZE_4K;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlbGeometryTest {

  private static final String CUSTOM = """
      name: toy
      l1d:
        - {page_sizes: [4k], entries: 16, ways: 4}
        - {page_sizes: [2m, 1g], entries: 8}
      l1i: []
      l2:
        - {page_sizes: [4K, 2M], entries: 256, ways: 8}
      replacement: random
      """;

  /** Entries per the sources docs/model.md cites for each preset, times the page size, against the reach the preset gives. */
  @ParameterizedTest(name = "{0} {1} {2}: {3} entries")
  @CsvSource({
      "skylake, l1d, 4k, 64", "skylake, l1d, 2m, 32", "skylake, l1d, 1g, 4",
      "skylake, l1i, 4k, 128", "skylake, l1i, 2m, 8", "skylake, l1i, 1g, 0",
      "skylake, l2, 4k, 1536", "skylake, l2, 2m, 1536", "skylake, l2, 1g, 16",
      "golden-cove, l1d, 4k, 96", "golden-cove, l1d, 2m, 32",
      "golden-cove, l1i, 4k, 256", "golden-cove, l1i, 2m, 32",
      "golden-cove, l2, 4k, 2048", "golden-cove, l2, 2m, 2048",
      "zen2, l1d, 4k, 64", "zen2, l1d, 2m, 64", "zen2, l1d, 1g, 64", "zen2, l1i, 4k, 64",
      "zen2, l2, 4k, 2048", "zen2, l2, 2m, 2048", "zen2, l2, 1g, 0",
      "zen4, l1d, 4k, 72", "zen4, l1i, 4k, 64", "zen4, l2, 4k, 3072", "zen4, l2, 1g, 0",
      "drcachesim, l1d, 4k, 32", "drcachesim, l1i, 4k, 32", "drcachesim, l2, 4k, 1024", "drcachesim, l2, 1g, 1024",
  })
  void presetReachIsTheReferencesEntriesTimesThePageSize(String preset, String level, String size, long entries)
      throws ConfigException {
    assertEquals(entries * PageSize.parse(size).bytes(), TlbPresets.preset(preset).reach(level, PageSize.parse(size)));
  }

  @Test
  void skylakeReachesAQuarterMegabyteInL1AndSixMegabytesInL2With4kPages() throws ConfigException {
    TlbGeometry skylake = TlbPresets.preset("skylake");
    assertEquals(256L << 10, skylake.reach("l1d", SIZE_4K));
    assertEquals(6L << 20, skylake.reach("l2", SIZE_4K));
    assertEquals(16L << 30, skylake.reach("l2", SIZE_1G));
  }

  @Test
  void everyPresetParsesUnderItsOwnName() throws ConfigException {
    for (String name : TlbPresets.names()) {
      assertEquals(name, TlbPresets.preset(name).name());
    }
    ConfigException e = assertThrows(ConfigException.class, () -> TlbPresets.preset("pentium"));
    assertTrue(e.getMessage().contains("presets: [skylake, golden-cove, zen2, zen4, drcachesim]"), e.getMessage());
  }

  @Test
  void aCustomGeometryIsReadWithDefaultsAndSurvivesARoundTripThroughYaml() throws ConfigException {
    TlbGeometry toy = TlbGeometry.parse(CUSTOM, "toy.yaml");
    assertEquals(new TlbStructure(List.of(SIZE_2M, SIZE_1G), 8, 8), toy.l1d().get(1), "ways default to entries");
    assertEquals(List.of(), toy.l1i());
    assertEquals(Replacement.RANDOM, toy.replacement());
    String yaml = ConfigYaml.toYaml(toy);
    assertTrue(yaml.contains("page_sizes:") && yaml.contains("- 2m") && yaml.contains("replacement: random"), yaml);
    assertEquals(toy, TlbGeometry.parse(yaml, "canonical"));
    for (String name : TlbPresets.names()) {
      TlbGeometry preset = TlbPresets.preset(name);
      assertEquals(preset, TlbGeometry.parse(ConfigYaml.toYaml(preset), name));
    }
  }

  @Test
  void aGeometryWithoutNameOrReplacementIsACustomTreePlruOne() throws ConfigException {
    TlbGeometry bare = TlbGeometry.parse("l1d: [{page_sizes: [4k], entries: 64}]\nl1i: []\nl2: []\n", "bare.yaml");
    assertEquals("custom", bare.name());
    assertEquals(Replacement.TREE_PLRU, bare.replacement());
  }

  /** The error {@code TlbGeometry.parse} gives for CUSTOM with {@code from} replaced by {@code to}. */
  private static String error(String from, String to) {
    assertTrue(CUSTOM.contains(from), from);
    return assertThrows(ConfigException.class, () -> TlbGeometry.parse(CUSTOM.replace(from, to), "bad.yaml"))
        .getMessage();
  }

  @Test
  void badGeometriesAreErrorsThatSayWhatIsWrong() {
    assertEquals("bad.yaml: {page_sizes: [4k, 2m], entries: 256, ways: 12}: entries (256) must be a multiple of"
        + " ways (12) (line 7)", error("ways: 8}", "ways: 12}"));
    assertTrue(error("entries: 16, ways: 4", "entries: 24, ways: 4")
        .contains("24 entries in sets of 4 ways make 6 sets, but the number of sets must be a power of two"));
    assertTrue(error("entries: 16, ways: 4", "entries: 0, ways: 4").contains("must be positive"));
    assertTrue(error("page_sizes: [4k]", "page_sizes: []").contains("page_sizes must list at least one of"));
    assertTrue(error("[4k]", "[3m]").contains("page size must be 4k, 2m or 1g, not '3m'"));
    assertTrue(error("[4k]", "[4k, 4k]").contains("page_sizes lists a size twice"));
    assertTrue(error("[2m, 1g]", "[4k, 1g]").contains("l1d: page size 4k is in two structures"));
    assertTrue(error("replacement: random", "replacement: fifo").contains("lru, tree-plru or random, not 'fifo'"));
    assertTrue(error("ways: 8}", "ways: 8, sets: 32}").contains("Unrecognized field \"sets\""));
    assertTrue(error("l1i: []\n", "").contains("l1i"));
  }

  @Test
  void treePlruRejectsAGeometryWithWaysThatAreNotAPowerOfTwo() {
    String message = assertThrows(ConfigException.class, () -> TlbGeometry.parse(
        "l1d: [{page_sizes: [4k], entries: 96, ways: 6}]\nl1i: []\nl2: []\n", "six.yaml")).getMessage();
    assertTrue(message.startsWith("six.yaml: l1d[0] {page_sizes: [4k], entries: 96, ways: 6} has 6 ways, but tree-plru"
        + " needs a power of two"), message);
  }

  @Test
  void reachOfAnUnknownLevelIsAnError() throws ConfigException {
    TlbGeometry skylake = TlbPresets.preset("skylake");
    assertThrows(IllegalArgumentException.class, () -> skylake.reach("l3", SIZE_4K));
    assertEquals(32 * SIZE_2M.bytes(), skylake.reach("l1d", SIZE_2M));
  }
}
