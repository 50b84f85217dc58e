package io.memreplay.ingest.imports.damon;

import java.io.IOException;

/** Where a reader puts the parts of a record file it cannot use: a snapshot or region, with its line and why. */
interface RecordRejects {

  /** Why a region is rejected whose end is not after its start, in every form of record file. */
  String INVERTED_REGION = "the region's end is not after its start";

  /**
   * @param kind what was rejected: {@code snapshot}, {@code region} or {@code line}
   * @param line its line in the (decompressed) file, from 1
   */
  void reject(String kind, long line, String reason, String record) throws IOException;
}
