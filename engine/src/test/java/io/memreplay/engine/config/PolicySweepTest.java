package io.memreplay.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicySweepTest {

  @Test
  void everyCombinationOfEverySettingBecomesANamedPolicy() throws ConfigException {
    PolicySweep sweep = PolicySweep.parse("idle_tax_pct=0,25,50,75;salting=0,2", "--sweep");

    List<Policy> policies = sweep.expand(List.of(Policies.builtIn("esxi-default")));

    assertEquals(8, policies.size());
    assertEquals("esxi-default_idle_tax_pct-0_salting-0", policies.get(0).name());
    assertEquals("esxi-default_idle_tax_pct-0_salting-2", policies.get(1).name());
    assertEquals("esxi-default_idle_tax_pct-75_salting-2", policies.get(7).name());
    assertEquals(50, policies.get(5).allocation().idleTaxPct());
    assertEquals(2, policies.get(5).sharing().salting());
    assertEquals(0, policies.get(4).sharing().salting());
    assertTrue(policies.get(5).description().contains("idle_tax_pct=50, salting=2"), policies.get(5).description());
    // everything the grid does not name stays as in the base
    assertEquals(Policies.builtIn("esxi-default").translation(), policies.get(5).translation());
  }

  @Test
  void aYamlGridAndSectionQualifiedNamesMeanTheSame() throws ConfigException {
    PolicySweep inline = PolicySweep.parse("allocation.idle_tax_pct=10,20", "--sweep");
    PolicySweep yaml = PolicySweep.fromYaml("allocation.idle_tax_pct: [10, 20]\n", "grid.yaml");
    List<Policy> bases = List.of(Policies.builtIn("esxi-default"), Policies.builtIn("no-sharing"));

    List<Policy> fromInline = inline.expand(bases);
    assertEquals(fromInline, yaml.expand(bases));
    assertEquals(4, fromInline.size());
    assertEquals("no-sharing_allocation.idle_tax_pct-20", fromInline.get(3).name());
  }

  @Test
  void aYamlGridsValuesMayBeListsThemselves() throws ConfigException {
    List<Policy> policies = PolicySweep.fromYaml("boost_states: [[clear], [soft, hard]]\n", "grid.yaml")
        .expand(List.of(Policies.builtIn("esxi-default")));
    assertEquals(List.of(MemoryState.CLEAR), policies.get(0).sharing().boostStates());
    assertEquals(List.of(MemoryState.SOFT, MemoryState.HARD), policies.get(1).sharing().boostStates());
    assertNotEquals(policies.get(0).name(), policies.get(1).name());
  }

  @Test
  void anUnknownOrAmbiguousSettingOrABadValueIsRefusedWithItsName() {
    ConfigException unknown = assertThrows(ConfigException.class,
        () -> PolicySweep.parse("idle_tax=1", "--sweep").expand(List.of(Policies.builtIn("esxi-default"))));
    assertTrue(unknown.getMessage().contains("no setting 'idle_tax'"), unknown.getMessage());
    ConfigException ambiguous = assertThrows(ConfigException.class,
        () -> PolicySweep.parse("enabled=false", "--sweep").expand(List.of(Policies.builtIn("esxi-default"))));
    assertTrue(ambiguous.getMessage().contains("several sections"), ambiguous.getMessage());
    ConfigException outOfRange = assertThrows(ConfigException.class,
        () -> PolicySweep.parse("idle_tax_pct=150", "--sweep").expand(List.of(Policies.builtIn("esxi-default"))));
    assertTrue(outOfRange.getMessage().contains("idle_tax_pct"), outOfRange.getMessage());
    assertThrows(ConfigException.class, () -> PolicySweep.parse("salting", "--sweep"));
  }

  @Test
  void aSweepWhoseNamesWouldNotFitAFolderNameIsRefusedBeforeAnyRun() throws ConfigException {
    Policy longName = ConfigYaml.policy("name: " + "p".repeat(180) + "\n", "long.yaml");
    ConfigException e = assertThrows(ConfigException.class,
        () -> PolicySweep.parse("idle_tax_pct=10;salting=1", "--sweep").expand(List.of(longName)));
    assertTrue(e.getMessage().contains("policy name must be at most 200 characters (it names folders), is 206"),
        e.getMessage());
    assertThrows(ConfigException.class, () -> ConfigYaml.policy("name: " + "p".repeat(201) + "\n", "long.yaml"));
  }

  @Test
  void aSettingGivenTwiceUnderTwoNamesOrAnEmptyValueIsRefused() {
    ConfigException twice = assertThrows(ConfigException.class, () -> PolicySweep
        .parse("idle_tax_pct=0;allocation.idle_tax_pct=50", "--sweep").expand(List.of(Policies.builtIn("esxi-default"))));
    assertEquals("--sweep: 'idle_tax_pct' and 'allocation.idle_tax_pct' are one setting, allocation.idle_tax_pct,"
        + " given twice", twice.getMessage());
    ConfigException inFile = assertThrows(ConfigException.class, () -> PolicySweep
        .fromYaml("idle_tax_pct: [0, 50]\nallocation.idle_tax_pct: [75]\n", "grid.yaml")
        .expand(List.of(Policies.builtIn("esxi-default"))));
    assertTrue(inFile.getMessage().startsWith("grid.yaml: 'idle_tax_pct' and 'allocation.idle_tax_pct'"),
        inFile.getMessage());
    ConfigException sameValue = assertThrows(ConfigException.class, () -> PolicySweep
        .parse("idle_tax_pct=0,25,0.0", "--sweep").expand(List.of(Policies.builtIn("esxi-default"))));
    assertEquals("--sweep: setting 'idle_tax_pct' is given the same value twice (0 and 0.0)", sameValue.getMessage());
    ConfigException empty = assertThrows(ConfigException.class, () -> PolicySweep.parse("idle_tax_pct=0,,50", "--sweep"));
    assertTrue(empty.getMessage().contains("setting 'idle_tax_pct' has an empty value"), empty.getMessage());
  }

  @Test
  void aSweepFileIsReadLikeAPolicyFileAliasesNanAndTabsRefusedWithTheirLine() {
    assertEquals("grid.yaml: '*a' is a YAML alias; memreplay does not read anchors and aliases: write the value out in"
        + " full (line 2, column 14)", assertThrows(ConfigException.class,
            () -> PolicySweep.fromYaml("salting: [0]\nswap_out_us: *a\n", "grid.yaml")).getMessage());
    assertEquals("grid.yaml: tabs cannot indent YAML; use spaces (line 2, column 1)", assertThrows(ConfigException.class,
        () -> PolicySweep.fromYaml("salting:\n\t- 0\n", "grid.yaml")).getMessage());
    assertTrue(assertThrows(ConfigException.class, () -> PolicySweep.fromYaml("idle_tax_pct: [0, .nan]\n", "grid.yaml"))
        .getMessage().contains("'.nan' is not a number memreplay can use (line 1, column 19)"));
    assertEquals("--sweep: '*a' is not a value", assertThrows(ConfigException.class, () -> PolicySweep
        .parse("salting=*a", "--sweep").expand(List.of(Policies.builtIn("esxi-default")))).getMessage());
  }
}
