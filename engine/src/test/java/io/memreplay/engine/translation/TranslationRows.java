package io.memreplay.engine.translation;

import io.memreplay.engine.config.VmSpec;
import io.memreplay.engine.model.AvroRows;
import io.memreplay.engine.model.ModelContext;
import io.memreplay.engine.model.Row;
import io.memreplay.engine.model.Table;
import io.memreplay.schemas.avro.TranslationInterval;
import java.util.List;

/** The {@code translation} row a VM's translation closes an interval with, as it is stored. */
final class TranslationRows {

  private static final VmSpec VM = new VmSpec(0, "vm", 1024L, 1, 0L, null, null, null, true, true, null, null);

  private TranslationRows() {}

  static TranslationInterval close(VmTranslation vm, long startNs, long endNs) {
    ModelContext context = AvroRows.context(List.of(VM));
    TranslationModel.Columns columns = new TranslationModel.Columns(context.layout(Table.TRANSLATION));
    Row row = context.newIntervalRow(Table.TRANSLATION, 0, startNs, endNs).set(columns.mode, "test");
    vm.closeInterval(row, columns);
    return AvroRows.record(row);
  }
}
