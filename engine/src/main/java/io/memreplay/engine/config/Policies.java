package io.memreplay.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The policies that ship with memreplay, by name. Users add their own as YAML files. */
public final class Policies {

  /** ESXi 6.0+ defaults. */
  public static final String ESXI_DEFAULT = "esxi-default";
  /** ESXi's defaults with pages shared across every VM. */
  public static final String ESXI_SHARE_ALL = "esxi-share-all";
  /** ESXi's defaults without page sharing. */
  public static final String NO_SHARING = "no-sharing";
  /** VMs without balloon drivers or compression: the host can only swap. */
  public static final String SWAP_ONLY = "swap-only";

  /**
   * Policies that reclaim an overcommitted host's memory each its own way, to compare side by side: ESXi's
   * defaults (sharing within salts, then the balloon), sharing across every VM, no sharing (so more ballooning,
   * compression and swapping), and swapping only.
   */
  public static final List<String> CONTRASTING = List.of(ESXI_DEFAULT, ESXI_SHARE_ALL, NO_SHARING, SWAP_ONLY);

  private static final List<String> BUILT_IN =
      List.of(ESXI_DEFAULT, ESXI_SHARE_ALL, "salt-groups", NO_SHARING, "no-large-pages", "balloon-only", SWAP_ONLY,
          "esx-2002", "cold-page-reclaim", "shadow-paging");

  private Policies() {}

  public static List<String> builtInNames() {
    return BUILT_IN;
  }

  public static boolean isBuiltIn(String name) {
    return BUILT_IN.contains(name);
  }

  /**
   * Refuses a policy read from {@code source} that takes a built-in policy's name with other settings: runs
   * are filed and reported under their policy's name, so its runs would pass for the built-in's. A copy with
   * the same settings (another description at most) is the built-in, and may keep its name.
   */
  public static void checkName(Policy policy, String source) throws ConfigException {
    if (isBuiltIn(policy.name()) && !withoutDescription(policy).equals(withoutDescription(builtIn(policy.name())))) {
      throw new ConfigException(source + ": named '" + policy.name() + "' like a built-in policy, with other"
          + " settings: give it a name of its own (name:), or its runs would pass for the built-in's");
    }
  }

  private static Policy withoutDescription(Policy p) {
    return new Policy(p.name(), "", p.sharing(), p.translation(), p.largePages(), p.allocation(), p.states(),
        p.balloon(), p.compression(), p.swap(), p.sampling(), p.coldReclaim(), p.costs());
  }

  /** The built-in policy {@code name}. */
  public static Policy builtIn(String name) throws ConfigException {
    if (!isBuiltIn(name)) {
      throw new ConfigException("no built-in policy '" + name + "'; built-in policies: " + BUILT_IN
          + " (or give the path of a policy YAML file)");
    }
    String resource = "policies/" + name + ".yaml";
    try (InputStream in = Policies.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return ConfigYaml.policy(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in policy " + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
