package io.memreplay.schemas.parquet;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro refuses to instantiate classes it was not told to trust (CVE-2024-47561 hardening); the generated
 * record classes of {@code io.memreplay.schemas.avro} are ours. Every reader of specific records (Parquet
 * files, Kafka markers) installs this once before decoding.
 */
public final class TrustedRecords {

  private static final String TRUSTED_PACKAGE = "io.memreplay.schemas.avro.";
  private static boolean installed;

  private TrustedRecords() {}

  public static synchronized void install() {
    if (!installed) {
      installed = true;
      ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
          ClassSecurityValidator.getGlobal(), c -> c.getName().startsWith(TRUSTED_PACKAGE)));
    }
  }
}
