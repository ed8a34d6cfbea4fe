package org.communityhub.engine.outcome;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Small-cell suppression for a report of counts tied together by sums (a total and its parts: a pathway
 * across agencies, finished incomplete across reasons, ...). Every count from 1 to 10 is suppressed
 * (primary), and further counts are suppressed (complementary) until no suppressed count can be worked out
 * from the published ones:
 * <ol>
 *   <li>no sum has exactly one suppressed member (else total minus the others gives it away): the smallest
 *       other member is suppressed too, a non-zero one first, repeated until stable;</li>
 *   <li>no suppressed count is fixed by the sums taken together (a chain of subtractions across rows and
 *       columns): found by reducing the system of sums over the suppressed counts; one more member of a
 *       sum through such a count is suppressed, until none is fixed.</li>
 * </ol>
 * Pure and deterministic: the same table always suppresses the same cells.
 */
final class CellSuppression {

  /** The smallest count published; 1 to {@code SMALLEST_SHOWN - 1} are suppressed (the CMS cell-size rule). */
  static final long SMALLEST_SHOWN = 11;

  private final List<Long> values = new ArrayList<>();
  private final List<int[]> sums = new ArrayList<>();

  /** Adds a count; its index names it in {@link #sum} and in the answer of {@link #suppress}. */
  int cell(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a count cannot be negative: " + value);
    }
    values.add(value);
    return values.size() - 1;
  }

  /** States that the count {@code total} is the sum of the counts {@code parts} (all published beside it). */
  void sum(int total, Collection<Integer> parts) {
    int[] group = new int[parts.size() + 1];
    group[0] = total;
    int i = 1;
    long added = 0;
    for (int part : parts) {
      if (part == total) {
        throw new IllegalArgumentException("a total cannot be its own part");
      }
      group[i++] = part;
      added += values.get(part);
    }
    if (added != values.get(total)) {
      throw new IllegalArgumentException("parts add up to " + added + ", not to the total " + values.get(total));
    }
    sums.add(group);
  }

  static boolean small(long value) {
    return value > 0 && value < SMALLEST_SHOWN;
  }

  int size() {
    return values.size();
  }

  long value(int cell) {
    return values.get(cell);
  }

  List<int[]> sums() {
    return List.copyOf(sums);
  }

  /** The cells not to publish. */
  BitSet suppress() {
    BitSet suppressed = new BitSet(values.size());
    for (int cell = 0; cell < values.size(); cell++) {
      if (small(values.get(cell))) {
        suppressed.set(cell);
      }
    }
    while (true) {
      protectEverySum(suppressed);
      List<Integer> fixed = fixedBySums(suppressed);
      if (fixed.isEmpty()) {
        return suppressed;
      }
      // A fixed count is worked out from published ones through some sum: widen one such sum.
      Optional<Integer> more = fixed.stream()
          .flatMap(cell -> sums.stream().filter(group -> contains(group, cell)))
          .map(group -> smallestShown(group, suppressed))
          .flatMap(Optional::stream)
          .min(byCost());
      if (more.isEmpty()) {
        throw new IllegalStateException("a count is fixed by sums that publish nothing");
      }
      suppressed.set(more.get());
    }
  }

  /** Rule 1: every sum has none or at least two suppressed members. */
  private void protectEverySum(BitSet suppressed) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int[] group : sums) {
        if (suppressedIn(group, suppressed) == 1) {
          Optional<Integer> more = smallestShown(group, suppressed);
          if (more.isPresent()) {
            suppressed.set(more.get());
            changed = true;
          }
        }
      }
    }
  }

  /**
   * The suppressed cells whose value the sums fix, given the published cells: row-reduces the sums over the
   * suppressed cells; a cell is fixed when its pivot row names no free (undetermined) cell.
   */
  List<Integer> fixedBySums(BitSet suppressed) {
    List<Integer> unknowns = suppressed.stream().boxed().toList();
    Map<Integer, Integer> column = new HashMap<>();
    for (int i = 0; i < unknowns.size(); i++) {
      column.put(unknowns.get(i), i);
    }
    List<double[]> rows = new ArrayList<>();
    for (int[] group : sums) {
      double[] row = new double[unknowns.size()];
      boolean any = false;
      for (int i = 0; i < group.length; i++) {
        Integer col = column.get(group[i]);
        if (col != null) {
          row[col] += i == 0 ? 1 : -1;
          any = true;
        }
      }
      if (any) {
        rows.add(row);
      }
    }
    int[] pivotRowOfColumn = new int[unknowns.size()];
    java.util.Arrays.fill(pivotRowOfColumn, -1);
    int rank = 0;
    for (int col = 0; col < unknowns.size() && rank < rows.size(); col++) {
      int pivot = -1;
      for (int r = rank; r < rows.size(); r++) {
        if (Math.abs(rows.get(r)[col]) > EPSILON) {
          pivot = r;
          break;
        }
      }
      if (pivot < 0) {
        continue;
      }
      java.util.Collections.swap(rows, rank, pivot);
      double[] pivotRow = rows.get(rank);
      double scale = pivotRow[col];
      for (int c = 0; c < pivotRow.length; c++) {
        pivotRow[c] /= scale;
      }
      for (int r = 0; r < rows.size(); r++) {
        double factor = rows.get(r)[col];
        if (r != rank && Math.abs(factor) > EPSILON) {
          double[] other = rows.get(r);
          for (int c = 0; c < other.length; c++) {
            other[c] -= factor * pivotRow[c];
          }
        }
      }
      pivotRowOfColumn[col] = rank;
      rank++;
    }
    List<Integer> fixed = new ArrayList<>();
    for (int col = 0; col < unknowns.size(); col++) {
      if (pivotRowOfColumn[col] < 0) {
        continue;
      }
      double[] row = rows.get(pivotRowOfColumn[col]);
      boolean namesAFreeCell = false;
      for (int c = 0; c < row.length; c++) {
        if (c != col && pivotRowOfColumn[c] < 0 && Math.abs(row[c]) > EPSILON) {
          namesAFreeCell = true;
          break;
        }
      }
      if (!namesAFreeCell) {
        fixed.add(unknowns.get(col));
      }
    }
    return fixed;
  }

  private static final double EPSILON = 1e-9;

  private Optional<Integer> smallestShown(int[] group, BitSet suppressed) {
    return java.util.Arrays.stream(group).boxed().filter(cell -> !suppressed.get(cell)).min(byCost());
  }

  /** The cheapest count to give up: a non-zero one before a zero (a suppressed zero hides little), then the smallest. */
  private Comparator<Integer> byCost() {
    return Comparator.<Integer, Boolean>comparing(cell -> values.get(cell) == 0)
        .thenComparing(values::get)
        .thenComparing(Comparator.naturalOrder());
  }

  private static int suppressedIn(int[] group, BitSet suppressed) {
    int count = 0;
    for (int cell : group) {
      if (suppressed.get(cell)) {
        count++;
      }
    }
    return count;
  }

  private static boolean contains(int[] group, int cell) {
    for (int member : group) {
      if (member == cell) {
        return true;
      }
    }
    return false;
  }
}
