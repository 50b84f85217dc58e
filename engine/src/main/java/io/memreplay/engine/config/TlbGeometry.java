package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.memreplay.engine.config.ConfigException;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A CPU's TLB geometry: the structures of its L1 data TLB (Intel splits it by page size), its L1
 * instruction TLB and its unified L2 TLB (STLB), and the replacement policy of all of them. A level may be
 * an empty list: a CPU without it. Within a level each page size is in at most one structure. YAML:
 *
 * <pre>
 * name: my-cpu
 * l1d: [{page_sizes: [4k], entries: 64, ways: 4}, {page_sizes: [2m], entries: 32, ways: 4}]
 * l1i: [{page_sizes: [4k], entries: 128, ways: 8}]
 * l2: [{page_sizes: [4k, 2m], entries: 1536, ways: 12}]
 * replacement: lru  # lru | tree-plru | random; default tree-plru
 * </pre>
 *
 * @param replacement real TLB policies are undocumented, so the default is a pseudo-LRU (docs/model.md);
 *     tree-plru needs power-of-two ways, at most 64, in every structure
 */
public record TlbGeometry(String name, List<TlbStructure> l1d, List<TlbStructure> l1i, List<TlbStructure> l2,
    Replacement replacement) {

  public static final Replacement DEFAULT_REPLACEMENT = Replacement.TREE_PLRU;

  /** Reads geometries as ConfigYaml reads policies: snake_case names, unknown fields are errors. */
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  @JsonCreator
  public TlbGeometry(
      @JsonProperty("name") String name,
      @JsonProperty(value = "l1d", required = true) List<TlbStructure> l1d,
      @JsonProperty(value = "l1i", required = true) List<TlbStructure> l1i,
      @JsonProperty(value = "l2", required = true) List<TlbStructure> l2,
      @JsonProperty("replacement") Replacement replacement) {
    this.name = name == null ? "custom" : name;
    this.l1d = checkedLevel("l1d", l1d);
    this.l1i = checkedLevel("l1i", l1i);
    this.l2 = checkedLevel("l2", l2);
    this.replacement = replacement == null ? DEFAULT_REPLACEMENT : replacement;
    for (String level : List.of("l1d", "l1i", "l2")) {
      List<TlbStructure> structures = level(level);
      for (int i = 0; i < structures.size(); i++) {
        this.replacement.requireSupports(structures.get(i).ways(), level + "[" + i + "] " + structures.get(i));
      }
    }
  }

  /**
   * Parses a geometry document.
   *
   * @param source names the document in messages, e.g. its file name
   */
  public static TlbGeometry parse(String yaml, String source) throws ConfigException {
    try {
      TlbGeometry geometry = YAML.readValue(yaml, TlbGeometry.class);
      if (geometry == null) {
        throw new ConfigException(source + ": the document is empty");
      }
      return geometry;
    } catch (JsonProcessingException e) {
      // a validating constructor's own message says more than Jackson's wrapping of it
      String problem = e.getCause() instanceof IllegalArgumentException ? e.getCause().getMessage()
          : e.getOriginalMessage();
      String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new ConfigException(source + ": " + problem + line, e);
    }
  }

  /** The structures of level "l1d", "l1i" or "l2". */
  public List<TlbStructure> level(String level) {
    return switch (level) {
      case "l1d" -> l1d;
      case "l1i" -> l1i;
      case "l2" -> l2;
      default -> throw new IllegalArgumentException("TLB levels are l1d, l1i and l2, not '" + level + "'");
    };
  }

  /**
   * Reach in bytes of a level for a page size: the entries of its structures that hold that size, times the
   * size. Pages stored as smaller entries (AMD's 1 GB pages in 2 MB L2 entries) count toward the smaller size.
   */
  public long reach(String level, PageSize size) {
    long entries = 0;
    for (TlbStructure structure : level(level)) {
      if (structure.holds(size)) {
        entries += structure.entries();
      }
    }
    return entries * size.bytes();
  }

  private static List<TlbStructure> checkedLevel(String level, List<TlbStructure> structures) {
    if (structures == null || structures.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("TLB geometry needs a list of structures for " + level
          + " (an empty list [] when the CPU has no such TLB)");
    }
    Set<PageSize> held = EnumSet.noneOf(PageSize.class);
    for (TlbStructure structure : structures) {
      for (PageSize size : structure.pageSizes()) {
        if (!held.add(size)) {
          throw new IllegalArgumentException(level + ": page size " + size + " is in two structures; a level holds"
              + " each page size in one structure");
        }
      }
    }
    return List.copyOf(structures);
  }
}
