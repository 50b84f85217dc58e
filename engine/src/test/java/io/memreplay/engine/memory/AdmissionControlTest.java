package io.memreplay.engine.memory;

import io.memreplay.engine.model.AvroRows;
import io.memreplay.engine.model.ModelContext;
import io.memreplay.engine.model.Row;
import io.memreplay.engine.model.Table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.Scenario;
import io.memreplay.schemas.avro.HostInterval;
import org.junit.jupiter.api.Test;

class AdmissionControlTest {

  private static HostInterval hostRow(HostFixture host) {
    ModelContext context = AvroRows.context(host.scenario.vms());
    MemoryColumns columns = new MemoryColumns(context);
    Row row = context.newIntervalRow(Table.HOST_INTERVALS, -1, 0, host.nowNs);
    host.memory.writeHost(row, columns, host.nowNs);
    return AvroRows.record(row);
  }

  @Test
  void aPowerOnIsRefusedWhenItsReservationAndOverheadDoNotFitTheUnreservedMemory() throws Exception {
    Scenario scenario = HostFixture.scenario("""
        name: reservations
        host: {name: h, memory_mb: 4096}
        vms:
          - {id: 0, memory_mb: 4096, reservation_mb: 3000, overhead_mb: 50}
          - {id: 1, memory_mb: 2048, reservation_mb: 1000, overhead_mb: 50}
          - {id: 2, memory_mb: 2048, reservation_mb: 900, overhead_mb: 50}
        """);
    HostFixture host = new HostFixture(scenario, HostFixture.builtIn("esxi-default"), 1);
    assertTrue(host.vm(0).poweredOn);
    assertFalse(host.vm(1).poweredOn, "3000 + 50 + 1000 + 50 > 4096 MB");
    assertTrue(host.vm(2).poweredOn, "3000 + 50 + 900 + 50 = 4000 MB fits");
    host.read(1, 0);
    assertEquals(1, host.vm(1).droppedAccesses, "a powered-off VM's accesses are counted, not replayed");
    assertEquals(1, hostRow(host).getAdmissionRefusals());
    assertEquals(2, hostRow(host).getPoweredOnVms());
  }

  @Test
  void aPowerOnIsRefusedWhenItsSwapFileDoesNotFitTheDatastore() throws Exception {
    Scenario scenario = HostFixture.scenario("""
        name: small datastore
        host: {name: h, memory_mb: 8192, swap_datastore_mb: 3100}
        vms:
          - {id: 0, memory_mb: 2048}
          - {id: 1, memory_mb: 2048, reservation_mb: 1000}
          - {id: 2, memory_mb: 2048}
        """);
    HostFixture host = new HostFixture(scenario, HostFixture.builtIn("esxi-default"), 1);
    assertTrue(host.vm(0).poweredOn);
    assertTrue(host.vm(1).poweredOn, "swap files of 2048 + (2048 - 1000) MB fit 3100 MB");
    assertFalse(host.vm(2).poweredOn, "another 2048 MB does not");
  }

  @Test
  void theTimelinePowersVmsOnAndOffAndAPowerOffGivesBackEverything() throws Exception {
    Scenario scenario = HostFixture.scenario("""
        name: timeline
        host: {name: h, memory_mb: 4096}
        vms:
          - {id: 0, memory_mb: 1024, large_pages: false, overhead_mb: 40}
          - {id: 1, memory_mb: 1024, large_pages: false, overhead_mb: 40}
        timeline:
          - {at_s: 10, vm: 1, action: power-on}
          - {at_s: 20, vm: 1, action: power-off}
        """);
    HostFixture host = new HostFixture(scenario, HostFixture.builtIn("no-sharing"), 1);
    assertFalse(host.vm(1).poweredOn, "a VM whose first event is a power-on starts off");
    long freeAtStart = host.memory.freePages();
    host.runFor(10);
    assertTrue(host.vm(1).poweredOn);
    for (int gpn = 0; gpn < 1000; gpn++) {
      host.write(1, gpn, gpn + 1);
    }
    assertEquals(freeAtStart - 40 * 256 - 1000, host.memory.freePages(), "overhead and 1000 pages");
    host.runFor(10);
    assertFalse(host.vm(1).poweredOn);
    assertEquals(freeAtStart, host.memory.freePages());
    assertEquals(1000, host.vm(1).count(PageStates.UNBACKED), "its pages stay touched, without memory");
    host.memory.checkInvariants();
  }
}
