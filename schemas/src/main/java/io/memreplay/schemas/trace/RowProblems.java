package io.memreplay.schemas.trace;

import java.util.ArrayList;
import java.util.List;

/** Rows of a file that decoded but cannot be used, with the reason; collected while decoding. */
final class RowProblems {

  /** A row number in the file, from 0, and what is wrong with it. */
  record Problem(long row, String reason) {}

  private final List<Problem> problems = new ArrayList<>();

  void add(long row, String reason) {
    problems.add(new Problem(row, reason));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** The problems found so far, in the order found; the list is emptied. */
  List<Problem> drain() {
    List<Problem> drained = new ArrayList<>(problems);
    problems.clear();
    return drained;
  }
}
