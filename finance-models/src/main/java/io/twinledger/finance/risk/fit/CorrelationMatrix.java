package io.twinledger.finance.risk.fit;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

/**
 * A correlation matrix between KPI innovations, checked to be a valid (symmetric, unit diagonal,
 * positive definite) correlation matrix, with its Cholesky factor.
 *
 * <p>Correlated standard normals are {@code L · u} with {@code L} the lower-triangular Cholesky
 * factor and {@code u} independent standard normals.
 */
public final class CorrelationMatrix {

  private static final double TOLERANCE = 1e-10;

  private final List<String> names;
  private final double[][] entries;
  private final double[][] choleskyLower;

  /**
   * @param names the KPI names, in row order
   * @param entries the square matrix, one row per KPI
   * @throws IllegalArgumentException naming the offending entry if the matrix is not a correlation
   *     matrix, or naming the problem if it is not positive definite
   */
  public CorrelationMatrix(List<String> names, double[][] entries) {
    this.names = List.copyOf(names);
    int k = this.names.size();
    if (k == 0) {
      throw new IllegalArgumentException("a correlation matrix needs at least one KPI");
    }
    Objects.requireNonNull(entries, "entries");
    if (entries.length != k) {
      throw new IllegalArgumentException(
          "correlation matrix has " + entries.length + " rows for " + k + " KPIs " + this.names);
    }
    this.entries = new double[k][];
    for (int i = 0; i < k; i++) {
      if (entries[i].length != k) {
        throw new IllegalArgumentException(
            "correlation matrix row "
                + (i + 1)
                + " has "
                + entries[i].length
                + " entries, not "
                + k);
      }
      this.entries[i] = entries[i].clone();
    }
    for (int i = 0; i < k; i++) {
      if (Math.abs(this.entries[i][i] - 1) > TOLERANCE) {
        throw new IllegalArgumentException(
            "correlation of '" + this.names.get(i) + "' with itself is " + this.entries[i][i]);
      }
      for (int j = 0; j < i; j++) {
        double rho = this.entries[i][j];
        if (!(Math.abs(rho) <= 1) || Math.abs(rho - this.entries[j][i]) > TOLERANCE) {
          throw new IllegalArgumentException(
              "correlation between '"
                  + this.names.get(i)
                  + "' and '"
                  + this.names.get(j)
                  + "' must be in [-1, 1] and symmetric, was "
                  + rho
                  + " and "
                  + this.entries[j][i]);
        }
      }
    }
    try {
      this.choleskyLower =
          new CholeskyDecomposition(new Array2DRowRealMatrix(this.entries), TOLERANCE, TOLERANCE)
              .getL()
              .getData();
    } catch (NonPositiveDefiniteMatrixException e) {
      throw new IllegalArgumentException(
          "correlation matrix of "
              + this.names
              + " is not positive definite: some KPIs move in exact lockstep; drop one of them",
          e);
    }
  }

  /** No correlation: the identity matrix. */
  public static CorrelationMatrix independent(List<String> names) {
    double[][] identity = new double[names.size()][names.size()];
    for (int i = 0; i < identity.length; i++) {
      identity[i][i] = 1;
    }
    return new CorrelationMatrix(names, identity);
  }

  public List<String> names() {
    return names;
  }

  public int size() {
    return names.size();
  }

  /** The correlation between KPIs {@code i} and {@code j}. */
  public double get(int i, int j) {
    return entries[i][j];
  }

  /** The lower-triangular Cholesky factor {@code L} with {@code L · Lᵀ} this matrix; a copy. */
  public double[][] choleskyLower() {
    double[][] copy = new double[choleskyLower.length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = choleskyLower[i].clone();
    }
    return copy;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CorrelationMatrix that
        && names.equals(that.names)
        && Arrays.deepEquals(entries, that.entries);
  }

  @Override
  public int hashCode() {
    return 31 * names.hashCode() + Arrays.deepHashCode(entries);
  }

  @Override
  public String toString() {
    return "CorrelationMatrix" + names + Arrays.deepToString(entries);
  }
}
