package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.Locale;

/**
 * The translation section of a policy: how addresses are translated, with which page sizes, TLBs and
 * caches, and what each event costs. Defaults model ESXi on a current server: nested paging (EPT), guest
 * 4 KB pages, host backing with 2 MB pages whenever possible ({@code Mem.AllocGuestLargePage} = 1,
 * {@code LPage.LPageAlwaysTryForNPT} = 1), 4-level tables, a Skylake TLB, paging-structure caches and a
 * nested TLB, and tagged TLB entries (PCID and VPID).
 *
 * @param mode none, native, nested or shadow
 * @param guestLevels 4 or 5 (LA57)
 * @param hostLevels 4 or 5 levels of the nested (EPT/NPT) tables
 * @param guestPages page size the guest allocator model maps with when the trace does not say: 4k, or
 *     thp (transparent huge pages: aligned 2 MB regions mapped with 2 MB pages)
 * @param placement where the guest allocator model places pages a trace gives no physical address for
 * @param hostBacking page size of host backing: 4k, 2m or 1g
 * @param tlb the TLB geometry: a preset name (skylake, golden-cove, zen2, zen4, drcachesim) or a mapping
 * @param tagged TLB entries carry address-space and VM tags, so a context switch flushes nothing; when
 *     false every context switch of a vCPU flushes its TLB
 * @param walkCaches paging-structure caches on (entries per level in {@code walkCacheEntries})
 * @param walkCacheEntries entries of the caches for the table levels 1 (PD entries) upward
 * @param nestedTlb a nested TLB caching guest-physical to host-physical translations of guest page-table pages
 * @param nestedTlbEntries its entries (fully associative)
 * @param costs the cycle costs of the cost model
 */
public record TranslationPolicy(
    TranslationMode mode,
    int guestLevels,
    int hostLevels,
    GuestPages guestPages,
    Placement placement,
    PageSize hostBacking,
    TlbGeometry tlb,
    boolean tagged,
    boolean walkCaches,
    int[] walkCacheEntries,
    boolean nestedTlb,
    int nestedTlbEntries,
    TranslationCosts costs) {

  /**
   * Paging-structure cache entries for table levels 1 (the PD entries pointing at page tables), 2 and 3 (and
   * 4 with 5-level tables): Intel does not publish them; these are the sizes commonly assumed in the
   * literature the reference cites (Barr et al. 2010) [U].
   */
  public static final int[] DEFAULT_WALK_CACHE_ENTRIES = {32, 16, 4, 2};
  /** Bhargava et al.'s nested TLB caches page-table gPA translations; its size is not published [U]. */
  public static final int DEFAULT_NESTED_TLB_ENTRIES = 16;
  public static final String DEFAULT_TLB = "skylake";

  private static final ObjectMapper YAML_TREE = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /** How the guest allocator model sizes the pages it maps. */
  public enum GuestPages {
    /** 4 KB pages. */
    SIZE_4K,
    /** Transparent huge pages: a touch maps the whole aligned 2 MB region with one 2 MB page. */
    THP;

    @JsonValue
    public String yaml() {
      return this == THP ? "thp" : "4k";
    }

    @JsonCreator
    public static GuestPages parse(String text) {
      switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "4k":
          return SIZE_4K;
        case "thp":
          return THP;
        default:
          throw new IllegalArgumentException("guest_pages must be 4k or thp, not '" + text + "'");
      }
    }
  }

  /** Where the guest allocator model places a newly touched page in guest physical memory. */
  public enum Placement {
    /** The next free guest page: a freshly booted guest with ample free memory. */
    FIRST_TOUCH,
    /** A pseudo-random free guest page (seeded): a long-running guest with fragmented free memory. */
    RANDOM;

    @JsonValue
    public String yaml() {
      return this == RANDOM ? "random" : "first-touch";
    }

    @JsonCreator
    public static Placement parse(String text) {
      switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "first-touch":
          return FIRST_TOUCH;
        case "random":
          return RANDOM;
        default:
          throw new IllegalArgumentException("placement must be first-touch or random, not '" + text + "'");
      }
    }
  }

  public static final TranslationPolicy ESXI_DEFAULT = new TranslationPolicy(null, null, null, null, null, null, null,
      null, null, null, null, null, null);

  @JsonCreator
  public TranslationPolicy(
      @JsonProperty("mode") TranslationMode mode,
      @JsonProperty("guest_levels") Integer guestLevels,
      @JsonProperty("host_levels") Integer hostLevels,
      @JsonProperty("guest_pages") GuestPages guestPages,
      @JsonProperty("placement") Placement placement,
      @JsonProperty("host_backing") PageSize hostBacking,
      @JsonProperty("tlb") JsonNode tlb,
      @JsonProperty("tagged") Boolean tagged,
      @JsonProperty("walk_caches") Boolean walkCaches,
      @JsonProperty("walk_cache_entries") int[] walkCacheEntries,
      @JsonProperty("nested_tlb") Boolean nestedTlb,
      @JsonProperty("nested_tlb_entries") Integer nestedTlbEntries,
      @JsonProperty("costs") TranslationCosts costs) {
    this(mode == null ? TranslationMode.NESTED : mode,
        guestLevels == null ? 4 : guestLevels,
        hostLevels == null ? 4 : hostLevels,
        guestPages == null ? GuestPages.SIZE_4K : guestPages,
        placement == null ? Placement.FIRST_TOUCH : placement,
        hostBacking == null ? PageSize.SIZE_2M : hostBacking,
        geometry(tlb),
        tagged == null || tagged,
        walkCaches == null || walkCaches,
        walkCacheEntries == null ? DEFAULT_WALK_CACHE_ENTRIES : walkCacheEntries,
        nestedTlb == null || nestedTlb,
        nestedTlbEntries == null ? DEFAULT_NESTED_TLB_ENTRIES : nestedTlbEntries,
        costs == null ? TranslationCosts.DEFAULT : costs);
  }

  public TranslationPolicy {
    if (guestLevels != 4 && guestLevels != 5) {
      throw new IllegalArgumentException("translation.guest_levels must be 4 or 5, is " + guestLevels);
    }
    if (hostLevels != 4 && hostLevels != 5) {
      throw new IllegalArgumentException("translation.host_levels must be 4 or 5, is " + hostLevels);
    }
    if (walkCacheEntries.length < guestLevels - 1) {
      throw new IllegalArgumentException("translation.walk_cache_entries needs " + (guestLevels - 1)
          + " sizes, one per table level below the root, lowest first");
    }
    for (int entries : walkCacheEntries) {
      if (entries <= 0) {
        throw new IllegalArgumentException("translation.walk_cache_entries must be positive");
      }
    }
    if (nestedTlbEntries <= 0) {
      throw new IllegalArgumentException("translation.nested_tlb_entries must be positive");
    }
    walkCacheEntries = walkCacheEntries.clone();
  }

  /** A preset name, or an inline geometry mapping. */
  private static TlbGeometry geometry(JsonNode tlb) {
    if (tlb == null || tlb.isNull()) {
      return presetOrThrow(DEFAULT_TLB);
    }
    if (tlb.isTextual()) {
      return presetOrThrow(tlb.asText());
    }
    try {
      return YAML_TREE.treeToValue(tlb, TlbGeometry.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("translation.tlb: " + e.getOriginalMessage());
    }
  }

  private static TlbGeometry presetOrThrow(String name) {
    try {
      return TlbPresets.preset(name);
    } catch (io.memreplay.engine.config.ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** This policy with another host backing page size. */
  public TranslationPolicy withHostBacking(PageSize backing) {
    return new TranslationPolicy(mode, guestLevels, hostLevels, guestPages, placement, backing, tlb, tagged, walkCaches,
        walkCacheEntries, nestedTlb, nestedTlbEntries, costs);
  }

  public boolean enabled() {
    return mode != TranslationMode.NONE;
  }

  @Override
  public int[] walkCacheEntries() {
    return walkCacheEntries.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TranslationPolicy p && p.mode == mode && p.guestLevels == guestLevels
        && p.hostLevels == hostLevels && p.guestPages == guestPages && p.placement == placement
        && p.hostBacking == hostBacking && p.tlb.equals(tlb) && p.tagged == tagged && p.walkCaches == walkCaches
        && java.util.Arrays.equals(p.walkCacheEntries, walkCacheEntries) && p.nestedTlb == nestedTlb
        && p.nestedTlbEntries == nestedTlbEntries && p.costs.equals(costs);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(mode, guestLevels, hostLevels, guestPages, placement, hostBacking, tlb, tagged,
        walkCaches, java.util.Arrays.hashCode(walkCacheEntries), nestedTlb, nestedTlbEntries, costs);
  }
}
