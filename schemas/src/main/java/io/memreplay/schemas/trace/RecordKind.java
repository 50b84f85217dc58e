package io.memreplay.schemas.trace;

import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.MemoryDemand;
import io.memreplay.schemas.avro.PageContent;
import io.memreplay.schemas.avro.PageTableOp;
import java.util.function.IntFunction;
import org.apache.avro.Schema;

/**
 * The record kinds of a trace, each a Parquet sub-folder of the dataset. The declaration order is the
 * replay order of events that share a timestamp: page-table changes and content snapshots taken at an
 * instant apply before the accesses of that instant.
 */
public enum RecordKind {
  PAGETABLE("pagetable", PageTableOp.getClassSchema(), PageTableColumns::new),
  CONTENTS("contents", PageContent.getClassSchema(), ContentColumns::new),
  DEMAND("demand", MemoryDemand.getClassSchema(), DemandColumns::new),
  ACCESSES("accesses", MemoryAccess.getClassSchema(), AccessColumns::new);

  private final String table;
  private final ColumnLayout layout;
  private final IntFunction<Columns> factory;

  RecordKind(String table, Schema schema, IntFunction<Columns> factory) {
    this.table = table;
    this.layout = new ColumnLayout(schema);
    this.factory = factory;
  }

  /** The sub-folder name, also the name users see in manifests and rejects. */
  public String table() {
    return table;
  }

  public ColumnLayout layout() {
    return layout;
  }

  public Columns newColumns(int capacity) {
    return factory.apply(capacity);
  }

  public static RecordKind ofTable(String table) {
    for (RecordKind kind : values()) {
      if (kind.table.equals(table)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown trace table '" + table + "'");
  }
}
