package io.memreplay.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfigYamlTest {

  private static final String SCENARIO = """
      name: two-vms
      host:
        name: esx-01
        memory_mb: 8192
      vms:
        - id: 0
          memory_mb: 4096
          shares: high
          salt: tenant-a
        - id: 3
          name: db
          memory_mb: 2048
          vcpus: 4
          reservation_mb: 1024
          limit_mb: 3000
          shares: 5000
          large_pages: false
      """;

  @Test
  void scenarioFieldsAndVsphereDefaultsAreRead() throws Exception {
    Scenario scenario = ConfigYaml.scenario(SCENARIO, "scenario.yaml");
    VmSpec first = scenario.vm(0);
    assertEquals("vm-0", first.name());
    assertEquals(1, first.vcpus());
    assertEquals(0, first.reservationMb());
    assertNull(first.limitMb());
    assertEquals(20 * 4096, first.shareCount(), "high = 20 shares per MB");
    assertTrue(first.largePages());
    assertTrue(first.balloonDriver());
    VmSpec db = scenario.vm(3);
    assertEquals(5000, db.shareCount());
    assertEquals(3000L, db.limitMb());
    assertEquals(false, db.largePages());
  }

  @Test
  void canonicalYamlParsesBackToTheSameScenario() throws Exception {
    Scenario scenario = ConfigYaml.scenario(SCENARIO, "scenario.yaml");
    Scenario again = ConfigYaml.scenario(ConfigYaml.toYaml(scenario), "canonical");
    assertEquals(scenario, again);
    assertEquals(ConfigYaml.digest(scenario), ConfigYaml.digest(again));
  }

  @Test
  void anUnknownFieldIsAnErrorNamingTheFieldAndLine() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigYaml.scenario(SCENARIO.replace("vcpus: 4", "vcpu: 4"), "scenario.yaml"));
    assertTrue(e.getMessage().startsWith("scenario.yaml: unknown field 'vcpu' (line 13, column 5)"), e.getMessage());
  }

  @Test
  void anUnknownFieldIsNamedAtItsOwnLineNotWhereItsSectionEnds() {
    // Jackson reports a record's unknown field once it has read the whole record: at the next key, here 'swap'
    ConfigException policy = assertThrows(ConfigException.class, () -> ConfigYaml.policy(
        "name: mine\nallocation:\n  idle_tax: 5\n  balance_period_s: 15\nswap:\n  enabled: true\n", "p.yaml"));
    assertTrue(policy.getMessage().startsWith("p.yaml: unknown field 'idle_tax' (line 3, column 3); known fields here: "),
        policy.getMessage());
    ConfigException last = assertThrows(ConfigException.class,
        () -> ConfigYaml.policy("name: mine\nallocation:\n  idle_tax: 5\n", "p.yaml"));
    assertTrue(last.getMessage().startsWith("p.yaml: unknown field 'idle_tax' (line 3, column 3)"), last.getMessage());
    ConfigException top = assertThrows(ConfigException.class,
        () -> ConfigYaml.policy("name: mine\nallocaton:\n  idle_tax_pct: 5\n", "p.yaml"));
    assertTrue(top.getMessage().startsWith("p.yaml: unknown field 'allocaton' (line 2, column 1)"), top.getMessage());
    ConfigException inTimeline = assertThrows(ConfigException.class, () -> ConfigYaml.scenario(SCENARIO
        + "timeline:\n  - {at_s: 10, vm: 0, set: {shares: low}}\n  - {at_s: 20, vm: 0, sett: {shares: high}}\n", "s.yaml"));
    assertTrue(inTimeline.getMessage().startsWith("s.yaml: unknown field 'sett' (line 20, column 23)"),
        inTimeline.getMessage());
  }

  @Test
  void aSecondDocumentIsAnErrorNamingItsLineNotLeftUnread() {
    ConfigException scenario = assertThrows(ConfigException.class,
        () -> ConfigYaml.scenario(SCENARIO + "---\nname: another\n", "scenario.yaml"));
    assertEquals("scenario.yaml: a second document (line 19); a file holds one scenario", scenario.getMessage());
    assertThrows(ConfigException.class, () -> ConfigYaml.policy("name: mine\n---\nname: other\n", "mine.yaml"));
  }

  @Test
  void anEmptyFileIsAnErrorSayingSo() {
    for (String empty : new String[] {"", "\n\n", "# only a comment\n"}) {
      assertEquals("s.yaml: the document is empty",
          assertThrows(ConfigException.class, () -> ConfigYaml.scenario(empty, "s.yaml")).getMessage());
    }
  }

  @Test
  void aKeyGivenTwiceIsAnErrorNamingItNotALastValueKept() {
    ConfigException scenario = assertThrows(ConfigException.class,
        () -> ConfigYaml.scenario(SCENARIO.replace("  memory_mb: 8192\n", "  memory_mb: 8192\n  memory_mb: 16384\n"), "s.yaml"));
    assertTrue(scenario.getMessage().startsWith("s.yaml: ") && scenario.getMessage().contains("'memory_mb'"),
        scenario.getMessage());
    ConfigException policy = assertThrows(ConfigException.class,
        () -> ConfigYaml.policy("name: mine\nsharing:\n  salting: 2\n  salting: 0\n", "mine.yaml"));
    assertTrue(policy.getMessage().contains("'salting'") && policy.getMessage().contains("line 4"), policy.getMessage());
  }

  @Test
  void aFractionInAWholeNumberFieldIsAnErrorNotTruncated() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigYaml.scenario(SCENARIO.replace("memory_mb: 8192", "memory_mb: 8192.5"), "s.yaml"));
    assertTrue(e.getMessage().startsWith("s.yaml: ") && e.getMessage().contains("8192.5"), e.getMessage());
  }

  @Test
  void aMissingFieldOrAValueOutOfRangeIsNamedWhereItsRecordStarts() {
    assertEquals("s.yaml: 'memory_mb' is required in vms[1] (line 10, column 5)", assertThrows(ConfigException.class,
        () -> ConfigYaml.scenario(SCENARIO.replace("    memory_mb: 2048\n", ""), "s.yaml")).getMessage());
    assertEquals("p.yaml: allocation.idle_tax_pct must be within [0, 100), is -5.0 (line 2, column 1)", assertThrows(ConfigException.class,
        () -> ConfigYaml.policy("name: p\nallocation:\n  idle_tax_pct: -5\nswap:\n  enabled: true\n", "p.yaml"))
        .getMessage());
  }

  @Test
  void aValueOfTheWrongTypeIsAnErrorNamingTheFieldAndWhatItTakes() {
    assertEquals("s.yaml: 'memory_mb' must be a whole number, not 'lots' (line 4, column 14)", assertThrows(
        ConfigException.class, () -> ConfigYaml.scenario(SCENARIO.replace("memory_mb: 8192", "memory_mb: lots"), "s.yaml"))
        .getMessage());
    assertEquals("p.yaml: 'max_pages_per_s' must be a whole number, not '0.9' (line 3, column 20)", assertThrows(
        ConfigException.class, () -> ConfigYaml.policy("name: p\nsharing:\n  max_pages_per_s: 0.9\n", "p.yaml"))
        .getMessage());
    String missing = assertThrows(ConfigException.class,
        () -> ConfigYaml.scenario(SCENARIO.replace("    memory_mb: 2048\n", ""), "s.yaml")).getMessage();
    assertTrue(missing.contains("memory_mb") && !missing.contains("must be a whole number"), missing);
  }

  @Test
  void anchorsAndAliasesAreRefusedNamingTheLineNotReadAsText() {
    // Jackson would read the alias as the text "a": a VM from a string, or a silent name of "m"
    assertEquals("s.yaml: '*a' is a YAML alias; memreplay does not read anchors and aliases: write the value out in"
        + " full (line 3, column 31)", assertThrows(ConfigException.class, () -> ConfigYaml.scenario(
            "name: s\nhost: {name: h, memory_mb: 96}\nvms: [{id: 0, memory_mb: 64}, *a]\n", "s.yaml")).getMessage());
    assertEquals("s.yaml: '&a' is a YAML anchor; memreplay does not read anchors and aliases: write each value out in"
        + " full (line 3, column 7)", assertThrows(ConfigException.class, () -> ConfigYaml.scenario(
            "name: s\nhost: {name: h, memory_mb: 96}\nvms: [&a {id: 0, memory_mb: 64}, *a]\n", "s.yaml")).getMessage());
    String scalar = assertThrows(ConfigException.class,
        () -> ConfigYaml.policy("name: p\ndescription: *m\n", "p.yaml")).getMessage();
    assertTrue(scalar.startsWith("p.yaml: '*m' is a YAML alias") && scalar.contains("line 2"), scalar);
  }

  @Test
  void nanAndInfinityAreRefusedAsNumbersMemreplayCannotUseNamingTheFieldAndLine() {
    for (String value : new String[] {".nan", ".NaN", ".inf", "-.Inf"}) {
      assertEquals("s.yaml: 'cpu_ghz' is " + value + ", not a number memreplay can use (line 5, column 12)",
          assertThrows(ConfigException.class, () -> ConfigYaml.scenario(
              SCENARIO.replace("  memory_mb: 8192\n", "  memory_mb: 8192\n  cpu_ghz: " + value + "\n"), "s.yaml"))
              .getMessage());
    }
    String whole = assertThrows(ConfigException.class,
        () -> ConfigYaml.scenario(SCENARIO.replace("memory_mb: 8192", "memory_mb: .nan"), "s.yaml")).getMessage();
    assertEquals("s.yaml: 'memory_mb' is .nan, not a number memreplay can use (line 4, column 14)", whole);
    String inTimeline = assertThrows(ConfigException.class, () -> ConfigYaml.scenario(SCENARIO
        + "timeline:\n  - {at_s: 10, policy: {allocation: {idle_tax_pct: .nan}}}\n", "s.yaml")).getMessage();
    assertTrue(inTimeline.contains("'idle_tax_pct' is .nan, not a number memreplay can use (line 19"), inTimeline);
  }

  @Test
  void tabsInIndentationAreRefusedSayingSoWithTheirLine() throws ConfigException {
    assertEquals("s.yaml: tabs cannot indent YAML; use spaces (line 3, column 1)", assertThrows(ConfigException.class,
        () -> ConfigYaml.scenario(SCENARIO.replace("  name: esx-01", "\tname: esx-01"), "s.yaml")).getMessage());
    assertEquals("s.yaml: tabs cannot indent YAML; use spaces (line 8, column 3)", assertThrows(ConfigException.class,
        () -> ConfigYaml.scenario(SCENARIO.replace("    shares: high", "  \tshares: high"), "s.yaml")).getMessage());
    assertEquals("p.yaml: tabs cannot indent YAML; use spaces (line 2, column 1)", assertThrows(ConfigException.class,
        () -> ConfigYaml.policy("name: p\n\t\nsharing: {salting: 0}\n", "p.yaml")).getMessage());
    assertEquals("p.yaml: YAML takes no tab here; use spaces (line 1, column 6)", assertThrows(ConfigException.class,
        () -> ConfigYaml.policy("name:\tp\n", "p.yaml")).getMessage());
    Policy textWithTabs = ConfigYaml.policy("name: p\ndescription: |\n  one\n  \ttwo\n", "p.yaml");
    assertEquals("one\n\ttwo\n", textWithTabs.description(), "a tab inside a block of text is text");
  }

  @Test
  void impossibleValuesAreErrorsNamingTheVm() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigYaml.scenario(SCENARIO.replace("reservation_mb: 1024", "reservation_mb: 4096"), "s.yaml"));
    assertEquals("s.yaml: vm 3 (db): reservation_mb must be within [0, memory_mb], is 4096", e.getMessage());
    ConfigException shares = assertThrows(ConfigException.class,
        () -> ConfigYaml.scenario(SCENARIO.replace("shares: high", "shares: huge"), "s.yaml"));
    assertTrue(shares.getMessage().contains("low, normal, high or a positive number"), shares.getMessage());
  }

  @Test
  void builtInPoliciesParseAndDifferInSalting() throws Exception {
    for (String name : Policies.builtInNames()) {
      assertEquals(name, Policies.builtIn(name).name());
    }
    assertEquals(2, Policies.builtIn(Policies.ESXI_DEFAULT).sharing().salting());
    assertNotEquals(ConfigYaml.digest(Policies.builtIn("esxi-share-all")), ConfigYaml.digest(Policies.builtIn("esxi-default")));
    ConfigException e = assertThrows(ConfigException.class, () -> Policies.builtIn("nope"));
    assertTrue(e.getMessage().contains("esxi-default"));
  }

  @Test
  void aPolicyWithoutSectionsTakesEsxDefaults() throws Exception {
    Policy policy = ConfigYaml.policy("name: bare\n", "bare.yaml");
    assertEquals(SharingPolicy.ESXI_DEFAULT, policy.sharing());
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigYaml.policy("name: a/b\n", "p.yaml"));
    assertTrue(e.getMessage().contains("names folders"));
  }

  @Test
  void everyBuiltInPolicysCanonicalYamlParsesBackToTheSamePolicy() throws Exception {
    for (String name : Policies.builtInNames()) {
      Policy policy = Policies.builtIn(name);
      String canonical = ConfigYaml.toYaml(policy);
      Policy again = ConfigYaml.policy(canonical, "canonical " + name);
      assertEquals(policy, again, name);
      assertEquals(canonical, ConfigYaml.toYaml(again), name);
    }
  }

  @Test
  void scenarioTimelineAndMemoryFieldsAreReadAndChecked() throws Exception {
    Scenario scenario = ConfigYaml.scenario(SCENARIO.replace("limit_mb: 3000", "limit_mb: 3000\n    max_balloon_mb: 512\n    overhead_mb: 60")
        + "timeline:\n  - {at_s: 60, vm: 3, action: power-off}\n  - {at_s: 90, vm: 3, action: power-on}\n", "s.yaml");
    assertEquals(512L, scenario.vm(3).maxBalloonMb());
    assertEquals(60.0, scenario.vm(3).overheadMbOrEstimate());
    assertEquals(2, scenario.timeline().size());
    assertTrue(scenario.poweredOnAtStart(3), "its first event powers it off: it runs from the start");
    assertEquals(scenario, ConfigYaml.scenario(ConfigYaml.toYaml(scenario), "canonical"));
    ConfigException order = assertThrows(ConfigException.class, () -> ConfigYaml.scenario(SCENARIO
        + "timeline:\n  - {at_s: 60, vm: 3, action: power-off}\n  - {at_s: 30, vm: 3, action: power-on}\n", "s.yaml"));
    assertTrue(order.getMessage().contains("time order"), order.getMessage());
    ConfigException unknown = assertThrows(ConfigException.class, () -> ConfigYaml.scenario(SCENARIO
        + "timeline:\n  - {at_s: 60, vm: 9, action: power-off}\n", "s.yaml"));
    assertTrue(unknown.getMessage().contains("no vm 9"), unknown.getMessage());
  }

  @Test
  void impossibleMemorySettingsAreErrorsNamingTheField() {
    ConfigException tax = assertThrows(ConfigException.class,
        () -> ConfigYaml.policy("name: p\nallocation: {idle_tax_pct: 100}\n", "p.yaml"));
    assertTrue(tax.getMessage().startsWith("p.yaml: allocation.idle_tax_pct must be within [0, 100), is 100.0 (line"),
        "the section's own words, not Jackson's wrapper of them: " + tax.getMessage());
    ConfigException states = assertThrows(ConfigException.class,
        () -> ConfigYaml.policy("name: p\nstates: {soft_pct: 10, hard_pct: 20}\n", "p.yaml"));
    assertTrue(states.getMessage().contains("thresholds must fall"), states.getMessage());
    ConfigException state = assertThrows(ConfigException.class,
        () -> ConfigYaml.policy("name: p\nballoon: {states: [mellow]}\n", "p.yaml"));
    assertTrue(state.getMessage().contains("high, clear, soft, hard and low"), state.getMessage());
  }

  @Test
  void timelineEntriesChangePolicyAndVmSettingsAndBadChangesAreErrorsNamingTheEntry() throws Exception {
    Scenario scenario = ConfigYaml.scenario(SCENARIO + """
        timeline:
          - {at_s: 1800, policy: {allocation: {idle_tax_pct: 75}, sharing: {salting: 0}}}
          - {at_s: 2400, vm: 3, set: {shares: high, limit_mb: null, memory_mb: 8192}}
        """, "s.yaml");
    assertEquals(scenario, ConfigYaml.scenario(ConfigYaml.toYaml(scenario), "canonical"));
    Policy base = ConfigYaml.policy("name: p\nallocation: {idle_tax_pct: 0, balance_period_s: 10}\n", "p.yaml");
    Policy[] policies = scenario.policiesAlongTimeline(base, "s.yaml");
    assertEquals(75, policies[0].allocation().idleTaxPct());
    assertEquals(10, policies[0].allocation().balancePeriodS(), "what the entry does not name stays");
    assertEquals(0, policies[0].sharing().salting());
    assertEquals("p", policies[0].name());
    VmSpec changed = scenario.vmSpecsAlongTimeline("s.yaml")[1];
    assertEquals(Shares.HIGH, changed.shares());
    assertNull(changed.limitMb(), "null removes the limit");
    assertEquals(8192, changed.memoryMb());
    assertEquals(scenario.vm(3).reservationMb(), changed.reservationMb());
    assertEquals("policy allocation.idle_tax_pct=75, sharing.salting=0", scenario.timeline().get(0).describe());

    for (String[] bad : new String[][] {
        {"{at_s: 10, policy: {allocation: {idle_tax: 75}}}", "unknown field 'idle_tax'"},
        {"{at_s: 10, policy: {allocation: {idle_tax_pct: 100}}}", "allocation.idle_tax_pct"},
        {"{at_s: 10, policy: {translation: {mode: shadow}}}", "translation cannot change"},
        {"{at_s: 10, vm: 3, set: {id: 4}}", "id cannot change"},
        {"{at_s: 10, vm: 3, set: {reservation_mb: 99999}}", "reservation_mb"},
        {"{at_s: 10, vm: 3, action: power-off, set: {shares: low}}", "exactly one of"},
        {"{at_s: 10, set: {shares: low}}", "which vm"}}) {
      ConfigException error = assertThrows(ConfigException.class,
          () -> ConfigYaml.scenario(SCENARIO + "timeline:\n  - " + bad[0] + "\n", "s.yaml"), bad[0]);
      assertTrue(error.getMessage().contains(bad[1]) && error.getMessage().contains("s.yaml"), error.getMessage());
      assertTrue(error.getMessage().contains("at_s") || error.getMessage().contains("10.0 s"), error.getMessage());
    }
  }
}
