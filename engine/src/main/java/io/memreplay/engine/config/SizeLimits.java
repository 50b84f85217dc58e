package io.memreplay.engine.config;

/**
 * The largest sizes and rates memreplay models. Scenario and policy values beyond them are refused by
 * name: the engine turns MB into 4 KB pages and rates into page budgets in 64-bit arithmetic, which larger
 * values would overflow (a host of 2^63 - 1 MB would have a negative number of pages).
 */
final class SizeLimits {

  /** 1 PiB: far above any host (ESXi 8 supports 24 TB), and 2^38 pages, which leaves room for arithmetic. */
  static final long MAX_MB = 1L << 30;
  /** Pages a second of any reclamation or scanning rate: 2^40 (4 PiB a second). */
  static final long MAX_PAGES_PER_S = 1L << 40;
  /** vCPUs of one VM (ESXi 8 allows 768). */
  static final int MAX_VCPUS = 4096;
  /** A VM's shares, whether a level times its MB or a number. */
  static final long MAX_SHARES = 1L << 40;

  private SizeLimits() {}

  static void mb(String source, String field, Long value) throws ConfigException {
    at(source, field, value, MAX_MB, " MB (1 PiB)");
  }

  static void pagesPerS(String source, String field, Long value) throws ConfigException {
    at(source, field, value, MAX_PAGES_PER_S, " pages a second");
  }

  static void at(String source, String field, Long value, long max, String unit) throws ConfigException {
    Scenario.require(source, value == null || value <= max,
        field + " is " + value + ", more than memreplay models: at most " + max + unit);
  }

  /** A number that must be finite: YAML's .inf and .nan parse as doubles. */
  static void finite(String source, String field, Double value) throws ConfigException {
    Scenario.require(source, value == null || Double.isFinite(value), field + " must be a finite number, is " + value);
  }
}
