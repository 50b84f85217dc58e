package io.memreplay.engine.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.TranslationPolicy;
import org.junit.jupiter.api.Test;

class TranslationWorkerTest {

  @Test
  void aStepThatFailsOnTranslationsThreadFailsTheRunWhenItNextWaitsForIt() throws Exception {
    TranslationPolicy policy = Policies.builtIn("esxi-default").translation();
    GuestPageTables tables = new GuestPageTables(4, policy.guestPages(), policy.placement(), 1 << 20, 3);
    VmTranslation vm = new VmTranslation(policy, tables, 3);
    TranslationWorker worker =
        new TranslationWorker("test-translation", new GuestPageTables[] {tables}, new VmTranslation[] {vm});

    worker.access(0, -1, 0, 0x1000, tables.place(0, 0x1000), false);

    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, worker::drain);
    assertEquals("vcpu must not be negative, is -1", failure.getMessage());
    worker.close();
  }
}
