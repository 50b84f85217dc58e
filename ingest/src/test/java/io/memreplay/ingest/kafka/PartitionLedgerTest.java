package io.memreplay.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionLedgerTest {

  private static final TopicPartition PARTITION = new TopicPartition("t", 0);

  private static Episode episode(String host, long first) {
    return new UnreplayedTrace(host, PARTITION, first, "test");
  }

  @Test
  void theCommitPointStaysAtTheFirstMessageOfTheEarliestUnfinishedHost() {
    PartitionLedger ledger = new PartitionLedger(PARTITION, 0, null);
    Episode a = episode("a", 0);
    Episode b = episode("b", 10);
    ledger.add(a);
    ledger.add(b);
    ledger.position = 50;
    assertEquals(0, ledger.commitPoint().offset());

    b.endOffset = 40;
    ledger.ended(b);
    assertNull(ledger.open("b"), "b's next message starts a new episode");
    assertEquals(0, ledger.commitPoint().offset(), "an ended host still holds the point until it is finished");
    ledger.close(b);
    a.endOffset = 45;
    ledger.close(a);
    OffsetAndMetadata point = ledger.commitPoint();
    assertEquals(50, point.offset());
    assertEquals(PartitionLedger.METADATA_VERSION, point.metadata(), "nothing finished lies after the point");
  }

  @Test
  void hostsFinishedBehindAnOpenOneAreListedAndSkippedByTheNextOwner() {
    PartitionLedger ledger = new PartitionLedger(PARTITION, 0, null);
    Episode a = episode("a", 0);
    Episode b = episode("host with spaces", 5);
    ledger.add(a);
    ledger.add(b);
    Episode c = episode("c", 20);
    ledger.add(c);
    ledger.position = 60;
    b.endOffset = 30;
    ledger.close(b);
    a.endOffset = 40;
    ledger.close(a);
    OffsetAndMetadata point = ledger.commitPoint();
    assertEquals(20, point.offset(), "c is still open");
    assertEquals("memreplay1 host+with+spaces=30 a=40", point.metadata(), "a and b finished, with messages past offset 20");
    ledger.committed(point);
    assertNull(ledger.commitPoint(), "nothing new to commit");

    PartitionLedger next = new PartitionLedger(PARTITION, 20, point);
    assertTrue(next.finishedBefore("host with spaces", 25));
    assertTrue(next.finishedBefore("host with spaces", 30));
    assertFalse(next.finishedBefore("host with spaces", 31), "a message after its end marker is new");
    assertTrue(next.finishedBefore("a", 39));
    assertFalse(next.finishedBefore("c", 21));
  }

  @Test
  void metadataOfAnotherWriterIsIgnored() {
    PartitionLedger ledger = new PartitionLedger(PARTITION, 7, new OffsetAndMetadata(7, "something else=3"));
    assertFalse(ledger.finishedBefore("something else", 3));
    assertEquals(7, ledger.commitPoint().offset());
  }
}
