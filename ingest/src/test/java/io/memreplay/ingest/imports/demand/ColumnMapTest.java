package io.memreplay.ingest.imports.demand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The --map syntax: keys, units, quoting, and what it refuses. */
class ColumnMapTest {

  @Test
  void keysNameAFieldAndAUnit() {
    ColumnMap map = ColumnMap.parse("ts_ms=time,vm=Name,active_mb=Active (MB),touched_gb=Consumed,period_s=step");
    assertEquals(TimeUnit.MS, map.tsUnit());
    assertEquals("Active (MB)", map.active().name());
    assertEquals(MemoryUnit.MB, map.activeUnit());
    assertEquals(MemoryUnit.GB, map.touchedUnit());
    assertEquals(TimeUnit.S, map.periodUnit());
    assertEquals(5, map.columns().size());
  }

  @Test
  void aQuotedColumnNameMayHoldCommasAndEqualsSigns() {
    assertEquals("Active, KB=x", ColumnMap.parse("ts=T,vm=V,active_kb=\"Active, KB=x\"").active().name());
  }

  @Test
  void mistakesAreRefusedSayingWhatToWrite() {
    assertEquals("'active_xb': unknown unit 'xb'; use pages, bytes, kb, mb, gb, tb or pct, e.g. active_mb=COLUMN",
        refused("ts=T,vm=V,active_xb=A"));
    assertEquals("'active': no unit; use pages, bytes, kb, mb, gb, tb or pct, e.g. active_mb=COLUMN",
        refused("ts=T,vm=V,active=A"));
    assertEquals("no VM column: add vm=COLUMN", refused("ts=T,active_mb=A"));
    assertEquals("'ts_h': unknown time unit 'h'; use s, ms, us or ns (or none: ISO text)", refused("ts_h=T,vm=V,active_mb=A"));
    assertEquals("'ts' is given twice", refused("ts=T,ts=U,vm=V,active_mb=A"));
    assertEquals("'configured_pct': the configured memory cannot be a percentage",
        refused("ts=T,vm=V,active_pct=A,configured_pct=C"));
  }

  private static String refused(String text) {
    return assertThrows(IllegalArgumentException.class, () -> ColumnMap.parse(text)).getMessage();
  }
}
