package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How guest virtual addresses become machine addresses. */
public enum TranslationMode {
  /** No translation model: no TLB, no walks, no translation rows. */
  NONE,
  /** No hypervisor: the guest page tables are the hardware's (the baseline). */
  NATIVE,
  /** Hardware-assisted: two-dimensional walks of guest and nested (EPT/NPT) tables. */
  NESTED,
  /** Software MMU: the hypervisor keeps shadow tables, traps guest page-table writes and CR3 switches. */
  SHADOW;

  @JsonValue
  public String yaml() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static TranslationMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("translation mode must be none, native, nested or shadow, not '" + text + "'");
    }
  }
}
