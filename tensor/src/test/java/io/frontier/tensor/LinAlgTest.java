package io.frontier.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.cpu.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LinAlg} against independent references: naive float64 code ({@link NaiveLinAlg}), closed
 * forms, and the defining identities of each decomposition checked in float64. Errors are measured
 * relative to the scale of the matrices: 1e-10 for float64, 1e-4 for float32.
 */
class LinAlgTest {
  private static final DType F64 = DType.FLOAT64;
  private static final DType F32 = DType.FLOAT32;

  // ---------------------------------------------------------------- inputs and checks

  static Stream<Arguments> dtypesAndSizes() {
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : new DType[] {F64, F32}) {
      for (int n : new int[] {1, 2, 5, 17}) cases.add(Arguments.of(dtype, n));
    }
    return cases.stream();
  }

  /** Square, tall and wide (m, n). */
  static Stream<Arguments> dtypesAndShapes() {
    List<Arguments> cases = new ArrayList<>();
    int[][] shapes = {{1, 1}, {5, 5}, {17, 17}, {17, 5}, {5, 17}, {3, 1}, {1, 4}};
    for (DType dtype : new DType[] {F64, F32}) {
      for (int[] s : shapes) cases.add(Arguments.of(dtype, s[0], s[1]));
    }
    return cases.stream();
  }

  private static double tol(DType dtype) {
    return dtype == F64 ? 1e-10 : 1e-4;
  }

  private static Tensor randn(long seed, DType dtype, int... shape) {
    return Tensor.randn(new Generator(seed), dtype, shape);
  }

  private static Tensor eye(int n, DType dtype) {
    return Tensor.eye(n, n, dtype);
  }

  /** {@code M M^T + n I}: symmetric positive definite with eigenvalues at least n. */
  private static Tensor spd(long seed, DType dtype, int... shape) {
    int n = shape[shape.length - 1];
    Tensor m = randn(seed, dtype, shape);
    return m.matmul(m.mT()).add(eye(n, dtype).mul((double) n));
  }

  /** Same values as {@code t} in a transposed memory layout, so not contiguous. */
  private static Tensor nonContiguous(Tensor t) {
    Tensor v = t.mT().contiguous().mT();
    assertFalse(v.isContiguous(), "the test input should be a non-contiguous view");
    return v;
  }

  private static Tensor f64(Tensor t) {
    return t.to(F64);
  }

  private static double maxAbs(Tensor t) {
    return t.numel() == 0 ? 0.0 : f64(t).abs().max().item();
  }

  /** max |actual - expected| <= tol * max(1, scale). */
  private static void assertClose(Tensor expected, Tensor actual, double tol, double scale, String what) {
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    double err = maxAbs(f64(actual).sub(f64(expected)));
    double bound = tol * Math.max(1.0, scale);
    assertTrue(err <= bound, () -> what + ": max |difference| " + err + " exceeds " + bound);
  }

  private static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
    assertClose(expected, actual, tol, maxAbs(expected), what);
  }

  private static void assertOrthonormalColumns(Tensor q, double tol, String what) {
    int k = q.size(-1);
    assertClose(eye(k, F64).expand(gramShape(q)), f64(q).mT().matmul(f64(q)), tol, what + ": Q^T Q = I");
  }

  private static int[] gramShape(Tensor q) {
    int[] s = q.shape();
    s[s.length - 2] = s[s.length - 1];
    return s;
  }

  private static ArithmeticException assertArithmeticError(org.junit.jupiter.api.function.Executable op) {
    return assertThrows(ArithmeticException.class, op);
  }

  // ---------------------------------------------------------------- cholesky

  @ParameterizedTest
  @MethodSource("dtypesAndSizes")
  void choleskyFactorTimesItsTransposeReproducesTheMatrix(DType dtype, int n) {
    Tensor a = spd(1, dtype, 2, 3, n, n);
    Tensor l = f64(LinAlg.cholesky(a));
    assertClose(a, l.matmul(l.mT()), tol(dtype), "L L^T");
  }

  @ParameterizedTest
  @MethodSource("dtypesAndSizes")
  void choleskyFactorIsLowerTriangularWithAPositiveDiagonal(DType dtype, int n) {
    Tensor l = LinAlg.cholesky(spd(2, dtype, 2, 3, n, n));
    assertEquals(0.0, maxAbs(l.triu(1)), "entries above the diagonal");
    assertTrue(l.diagonal(0, -2, -1).gt(0.0).all().item() != 0, "diagonal > 0");
  }

  @ParameterizedTest
  @MethodSource("dtypesAndSizes")
  void choleskyMatchesANaiveFloat64Cholesky(DType dtype, int n) {
    Tensor a = spd(3, dtype, 2, 3, n, n);
    Tensor l = LinAlg.cholesky(a);
    for (int b = 0; b < 6; b++) {
      Tensor expected = Tensor.of(NaiveLinAlg.cholesky(NaiveLinAlg.matrix(a, b)));
      assertClose(expected, l.reshape(6, n, n).select(0, b), tol(dtype), "batch element " + b);
    }
  }

  /** Orders past the CPU kernel's blocking threshold (256), one of them not a multiple of its block. */
  @ParameterizedTest
  @ValueSource(ints = {256, 300, 517})
  void blockedCholeskyMatchesANaiveFloat64Cholesky(int n) {
    Tensor a = spd(30, F64, n, n);
    Tensor expected = Tensor.of(NaiveLinAlg.cholesky(NaiveLinAlg.matrix(a.unsqueeze(0), 0)));
    Tensor l = LinAlg.cholesky(a);
    assertClose(expected, l, 1e-10, "blocked cholesky n=" + n);
    assertEquals(0.0, maxAbs(l.triu(1)), "entries above the diagonal");
  }

  @Test
  void blockedCholeskyNamesTheFailingLeadingMinorPastTheFirstBlock() {
    int n = 300;
    Tensor a = spd(31, F64, n, n);
    a.select(0, 200).select(0, 200).fill_(-1.0);
    String message = assertArithmeticError(() -> LinAlg.cholesky(a)).getMessage();
    assertTrue(message.endsWith("(the leading minor of order 201 is not positive-definite)"), message);
  }

  /** Left solves of order past the blocking threshold (256) with enough right-hand sides to block. */
  @ParameterizedTest
  @CsvSource({"false,false", "false,true", "true,false", "true,true"})
  void blockedLeftTriangularSolveLeavesASmallResidual(boolean upper, boolean unit) {
    int n = 300;
    Tensor a = triangular(32, F64, upper, unit, n, n);
    Tensor b = randn(33, F64, n, 40);
    Tensor x = LinAlg.solveTriangular(withGarbage(a, 34, upper, unit), b, upper, true, unit);
    assertClose(b, a.matmul(x), 1e-10, maxAbs(a) * maxAbs(x), "residual");
    Tensor oneColumnAtATime = Tensor.cat(java.util.stream.IntStream.range(0, 40)
        .mapToObj(c -> LinAlg.solveTriangular(a, b.narrow(1, c, 1), upper, true, unit)).toList(), 1);
    assertClose(oneColumnAtATime, x, 1e-10, "blocked against substitution");
  }

  @ParameterizedTest
  @EnumSource(names = {"FLOAT64", "FLOAT32"})
  void upperCholeskyIsTheTransposeOfTheLowerFactor(DType dtype) {
    Tensor a = spd(4, dtype, 2, 3, 5, 5);
    Tensor u = LinAlg.cholesky(a, true);
    assertEquals(0.0, maxAbs(u.tril(-1)), "entries below the diagonal");
    assertTrue(LinAlg.cholesky(a).mT().equal(u));
    assertClose(a, f64(u).mT().matmul(f64(u)), tol(dtype), "U^T U");
  }

  @Test
  void choleskyReadsOnlyTheLowerTriangle() {
    Tensor a = spd(5, F64, 2, 3, 5, 5);
    Tensor garbage = a.tril().add(randn(6, F64, 2, 3, 5, 5).mul(1e3).triu(1));
    assertTrue(LinAlg.cholesky(garbage).equal(LinAlg.cholesky(a)));
  }

  @Test
  void choleskyOfANonContiguousViewMatchesCholeskyOfItsCopy() {
    Tensor a = spd(7, F64, 2, 3, 5, 5).add(randn(8, F64, 2, 3, 5, 5).triu(1)); // not symmetric: layout matters
    assertTrue(LinAlg.cholesky(nonContiguous(a)).equal(LinAlg.cholesky(a)));
  }

  @Test
  void choleskyOfAMatrixThatIsNotPositiveDefiniteNamesTheFailingLeadingMinor() {
    // Leading minors 4 and 16 are positive; the full determinant is negative.
    Tensor a = Tensor.of(new double[][] {{4, 2, 0}, {2, 5, 1}, {0, 1, -3}});
    String message = assertArithmeticError(() -> LinAlg.cholesky(a)).getMessage();
    assertEquals(
        "cholesky: the factorization could not be completed because the input is not positive-definite"
            + " (the leading minor of order 3 is not positive-definite)",
        message);
  }

  /** torch.linalg.cholesky_ex: the factor where it exists, the failing order where it does not, and no exception. */
  @Test
  void choleskyExReportsEachFailingOrderInItsBatchShape() {
    Tensor a = spd(11, F64, 2, 3, 5, 5).contiguous();
    double[] v = a.toDoubleArray();
    v[(1 * 3 + 2) * 25 + 3 * 5 + 3] = -100; // batch element (1, 2): order 4
    v[(0 * 3 + 1) * 25] = -1; // (0, 1): order 1
    Tensor bad = Tensor.of(v).reshape(2, 3, 5, 5);
    LinAlg.CholeskyEx ex = LinAlg.choleskyEx(bad);
    assertArrayEquals(new int[] {2, 3}, ex.info().shape());
    assertEquals(DType.INT64, ex.info().dtype());
    assertArrayEquals(new long[] {0, 1, 0, 0, 0, 4}, ex.info().toLongArray());
    for (int[] ok : new int[][] {{0, 0}, {0, 2}, {1, 0}, {1, 1}}) {
      Tensor one = bad.select(0, ok[0]).select(0, ok[1]);
      assertTrue(ex.l().select(0, ok[0]).select(0, ok[1]).equal(LinAlg.cholesky(one)), "factor of " + java.util.Arrays.toString(ok));
    }
    Tensor good = spd(12, F64, 4, 4);
    LinAlg.CholeskyEx single = LinAlg.choleskyEx(good);
    assertEquals(0, single.info().dim());
    assertEquals(0L, single.info().toLongArray()[0]);
    assertTrue(single.l().equal(LinAlg.cholesky(good)));
  }

  @Test
  void choleskyErrorInALargeParallelBatchNamesTheFirstFailingElement() {
    int previous = Parallel.numThreads();
    Parallel.setNumThreads(4);
    try {
      int n = 48; // big enough that every matrix is its own task
      double[] data = spd(9, F64, 40, n, n).toDoubleArray();
      for (int bad : new int[] {17, 30, 35}) data[bad * n * n + n + 1] = -1.0; // A[1][1] < 0: order 2
      Tensor a = Tensor.fromArray(data, 40, n, n);
      String message = assertArithmeticError(() -> LinAlg.cholesky(a)).getMessage();
      assertTrue(message.startsWith("cholesky (batch element 17): "), message);
      assertTrue(message.contains("the leading minor of order 2 is not positive-definite"), message);
    } finally {
      Parallel.setNumThreads(previous);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"FLOAT64", "FLOAT32"})
  void choleskySolveWithTheLowerFactorMatchesSolve(DType dtype) {
    Tensor a = spd(10, dtype, 2, 3, 5, 5);
    Tensor b = randn(11, dtype, 2, 3, 5, 2);
    Tensor x = LinAlg.choleskySolve(b, LinAlg.cholesky(a), false);
    assertClose(LinAlg.solve(f64(a), f64(b)), x, tol(dtype), "cholesky_solve");
  }

  @ParameterizedTest
  @EnumSource(names = {"FLOAT64", "FLOAT32"})
  void choleskySolveWithTheUpperFactorMatchesSolve(DType dtype) {
    Tensor a = spd(12, dtype, 2, 3, 5, 5);
    Tensor b = randn(13, dtype, 2, 3, 5, 2);
    Tensor x = LinAlg.choleskySolve(b, LinAlg.cholesky(a, true), true);
    assertClose(LinAlg.solve(f64(a), f64(b)), x, tol(dtype), "cholesky_solve upper");
  }

  // ---------------------------------------------------------------- choleskyInverse

  /** Small orders, and orders past the kernel's blocks of 128 (one not a multiple of it). */
  @ParameterizedTest
  @ValueSource(ints = {1, 5, 17, 300, 517})
  void choleskyInverseEqualsTheInverse(int n) {
    Tensor a = spd(40, F64, n, n);
    Tensor l = LinAlg.cholesky(a);
    Tensor inverse = LinAlg.choleskyInverse(l, false);
    assertClose(LinAlg.inv(a), inverse, 1e-10, maxAbs(LinAlg.inv(a)), "cholesky_inverse n=" + n);
    assertTrue(inverse.equal(inverse.mT()), "exactly symmetric");
    assertClose(LinAlg.choleskySolve(eye(n, F64), l, false), inverse, 1e-10, maxAbs(inverse), "against cholesky_solve(I)");
  }

  @ParameterizedTest
  @EnumSource(names = {"FLOAT64", "FLOAT32"})
  void choleskyInverseOfTheUpperFactorAndOfABatchMatchInverse(DType dtype) {
    Tensor a = spd(41, dtype, 2, 3, 9, 9);
    Tensor expected = LinAlg.inv(f64(a));
    assertClose(expected, f64(LinAlg.choleskyInverse(LinAlg.cholesky(a, true), true)), tol(dtype), maxAbs(expected), "upper");
    assertClose(expected, f64(LinAlg.choleskyInverse(withGarbage(LinAlg.cholesky(a), 42, false, false), false)), tol(dtype), maxAbs(expected),
        "lower, other triangle ignored");
  }

  // ---------------------------------------------------------------- solveTriangular

  static Stream<Arguments> triangularCases() {
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : new DType[] {F64, F32}) {
      for (int n : new int[] {1, 5, 17}) {
        for (boolean upper : new boolean[] {false, true}) {
          for (boolean left : new boolean[] {false, true}) {
            for (boolean unit : new boolean[] {false, true}) cases.add(Arguments.of(dtype, n, upper, left, unit));
          }
        }
      }
    }
    return cases.stream();
  }

  /** A well-conditioned triangular matrix: diagonal in [1, ~4), off-diagonal ~ N(0, 1/n^2). */
  private static Tensor triangular(long seed, DType dtype, boolean upper, boolean unit, int... shape) {
    int n = shape[shape.length - 1];
    Tensor raw = randn(seed, dtype, shape);
    Tensor strict = (upper ? raw.triu(1) : raw.tril(-1)).mul(1.0 / n);
    Tensor diagonal = unit ? eye(n, dtype) : raw.abs().add(1.0).mul(eye(n, dtype));
    return strict.add(diagonal);
  }

  /** {@code clean} plus large values where a solve must not look: the other triangle, and the diagonal when unit. */
  private static Tensor withGarbage(Tensor clean, long seed, boolean upper, boolean unit) {
    Tensor noise = randn(seed, clean.dtype(), clean.shape()).mul(1e3);
    Tensor outside = upper ? noise.tril(-1) : noise.triu(1);
    if (unit) outside = outside.add(noise.mul(eye(clean.size(-1), clean.dtype())));
    return clean.add(outside);
  }

  @ParameterizedTest
  @MethodSource("triangularCases")
  void triangularSolveLeavesASmallResidual(DType dtype, int n, boolean upper, boolean left, boolean unit) {
    Tensor a = triangular(20, dtype, upper, unit, 2, 3, n, n);
    Tensor b = randn(21, dtype, left ? new int[] {2, 3, n, 4} : new int[] {2, 3, 4, n});
    Tensor x = f64(LinAlg.solveTriangular(withGarbage(a, 22, upper, unit), b, upper, left, unit));
    Tensor ax = left ? f64(a).matmul(x) : x.matmul(f64(a));
    assertClose(b, ax, tol(dtype), maxAbs(a) * maxAbs(x), "residual");
  }

  @ParameterizedTest
  @MethodSource("triangularCases")
  void triangularSolveIgnoresTheOtherTriangleAndAUnitDiagonal(DType dtype, int n, boolean upper, boolean left, boolean unit) {
    Tensor a = triangular(23, dtype, upper, unit, 2, n, n);
    Tensor b = randn(24, dtype, left ? new int[] {2, n, 3} : new int[] {2, 3, n});
    Tensor clean = LinAlg.solveTriangular(a, b, upper, left, unit);
    assertTrue(LinAlg.solveTriangular(withGarbage(a, 25, upper, unit), b, upper, left, unit).equal(clean));
  }

  @Test
  void triangularSolveBroadcastsOneMatrixOverABatchOfRightHandSides() {
    Tensor a = triangular(26, F64, false, false, 5, 5);
    Tensor b = randn(27, F64, 2, 3, 5, 4);
    Tensor x = LinAlg.solveTriangular(a, b, false, true, false);
    assertArrayEquals(new int[] {2, 3, 5, 4}, x.shape());
    assertClose(b, a.matmul(x), 1e-10, "residual");
  }

  @Test
  void triangularSolveOfNonContiguousViewsMatchesTheSolveOfCopies() {
    Tensor a = triangular(28, F64, true, false, 2, 5, 5);
    Tensor b = randn(29, F64, 2, 5, 3);
    Tensor expected = LinAlg.solveTriangular(a, b, true, true, false);
    assertTrue(LinAlg.solveTriangular(nonContiguous(a), nonContiguous(b), true, true, false).equal(expected));
  }

  // ---------------------------------------------------------------- solve and inv

  @ParameterizedTest
  @MethodSource("dtypesAndSizes")
  void solveLeavesASmallResidual(DType dtype, int n) {
    Tensor a = randn(30, dtype, 2, 3, n, n).add(eye(n, dtype).mul(2.0));
    Tensor b = randn(31, dtype, 2, 3, n, 4);
    Tensor x = f64(LinAlg.solve(a, b));
    assertClose(b, f64(a).matmul(x), tol(dtype), maxAbs(a) * maxAbs(x), "A X - B");
  }

  @Test
  void solveAcceptsAVectorRightHandSide() {
    Tensor a = randn(32, F64, 5, 5).add(eye(5, F64).mul(2.0));
    Tensor b = randn(33, F64, 5);
    Tensor x = LinAlg.solve(a, b);
    assertArrayEquals(new int[] {5}, x.shape());
    assertClose(b, a.matmul(x), 1e-10, maxAbs(a) * maxAbs(x), "A x - b");
  }

  @Test
  void solveTreatsABatchOfVectorsShapedLikeTheBatchOfARowsAsVectors() {
    Tensor a = randn(34, F64, 2, 5, 5).add(eye(5, F64).mul(2.0));
    Tensor b = randn(35, F64, 2, 5);
    Tensor x = LinAlg.solve(a, b);
    assertArrayEquals(new int[] {2, 5}, x.shape());
    assertClose(b, a.matmul(x.unsqueeze(-1)).squeeze(-1), 1e-10, maxAbs(a) * maxAbs(x), "A x - b");
  }

  @Test
  void solveBroadcastsBatchDimensions() {
    Tensor a = randn(36, F64, 2, 1, 5, 5).add(eye(5, F64).mul(2.0));
    Tensor b = randn(37, F64, 3, 5, 4);
    Tensor x = LinAlg.solve(a, b);
    assertArrayEquals(new int[] {2, 3, 5, 4}, x.shape());
    assertClose(b.expand(2, 3, 5, 4), a.matmul(x), 1e-10, maxAbs(a) * maxAbs(x), "A X - B");
  }

  @Test
  void solveOfNonContiguousViewsMatchesTheSolveOfCopies() {
    Tensor a = randn(38, F64, 2, 5, 5);
    Tensor b = randn(39, F64, 2, 5, 3);
    assertTrue(LinAlg.solve(nonContiguous(a), nonContiguous(b)).equal(LinAlg.solve(a, b)));
  }

  @Test
  void solveRejectsASingularMatrixNamingTheZeroPivot() {
    Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {2, 4, 6}, {1, 0, 1}});
    String message = assertArithmeticError(() -> LinAlg.solve(a, Tensor.of(1.0, 2.0, 3.0))).getMessage();
    assertEquals("solve: the input matrix is singular (U[2, 2] of its LU factorization is zero)", message);
  }

  @Test
  void solveRejectsAZeroDimensionalRightHandSide() {
    Tensor a = eye(3, F64);
    String message = assertThrows(IllegalArgumentException.class, () -> LinAlg.solve(a, Tensor.scalar(1.0, F64))).getMessage();
    assertTrue(message.startsWith("solve: "), message);
  }

  @ParameterizedTest
  @MethodSource("dtypesAndSizes")
  void inverseTimesTheMatrixIsTheIdentity(DType dtype, int n) {
    Tensor a = randn(40, dtype, 2, 3, n, n).add(eye(n, dtype).mul(2.0));
    Tensor inv = f64(LinAlg.inv(a));
    double scale = maxAbs(a) * maxAbs(inv) * n;
    assertClose(eye(n, F64).expand(2, 3, n, n), f64(a).matmul(inv), tol(dtype), scale, "A A^-1");
    assertClose(eye(n, F64).expand(2, 3, n, n), inv.matmul(f64(a)), tol(dtype), scale, "A^-1 A");
  }

  @Test
  void inverseRejectsASingularMatrixNamingTheBatchElement() {
    Tensor a = Tensor.stack(List.of(eye(2, F64), Tensor.of(new double[][] {{1, 2}, {2, 4}})), 0);
    String message = assertArithmeticError(() -> LinAlg.inv(a)).getMessage();
    assertEquals("inv (batch element 1): the input matrix is singular (U[1, 1] of its LU factorization is zero)", message);
  }

  @Test
  void inverseOfAFloat32MatrixIsFloat32() {
    Tensor inv = LinAlg.inv(Tensor.of(new float[][] {{2, 0}, {0, 4}}));
    assertEquals(F32, inv.dtype());
    assertArrayEquals(new float[] {0.5f, 0, 0, 0.25f}, inv.toFloatArray());
  }

  // ---------------------------------------------------------------- slogdet, logdet, det

  @ParameterizedTest
  @MethodSource("dtypesAndSizes")
  void slogdetMatchesANaiveGaussianEliminationDeterminant(DType dtype, int n) {
    // Well conditioned (float32's log|det| error grows with the condition number); every other
    // matrix has its first row negated so that both signs occur.
    double[] flips = new double[6 * n];
    for (int b = 0; b < 6; b++) {
      for (int r = 0; r < n; r++) flips[b * n + r] = r == 0 && b % 2 == 1 ? -1.0 : 1.0;
    }
    Tensor rowSigns = Tensor.fromArray(flips, 2, 3, n, 1).to(dtype);
    Tensor a = randn(41, dtype, 2, 3, n, n).add(eye(n, dtype).mul((double) n)).mul(rowSigns);
    LinAlg.SignLogAbsDet result = LinAlg.slogdet(a);
    assertArrayEquals(new int[] {2, 3}, result.sign().shape());
    double[] signs = result.sign().to(F64).toDoubleArray();
    double[] logs = result.logAbsDet().to(F64).toDoubleArray();
    for (int b = 0; b < 6; b++) {
      double[] expected = NaiveLinAlg.signLogAbsDet(NaiveLinAlg.matrix(a, b));
      assertEquals(expected[0], signs[b], "sign of batch element " + b);
      assertEquals(expected[1], logs[b], tol(dtype) * Math.max(1.0, Math.abs(expected[1])), "log|det| of batch element " + b);
    }
  }

  @Test
  void detOfA2x2MatchesTheClosedForm() {
    double p = 1.5, q = -0.25, r = 2.0, s = 3.0;
    Tensor det = LinAlg.det(Tensor.of(new double[][] {{p, q}, {r, s}}));
    assertEquals(p * s - q * r, det.item(), 1e-12);
    assertEquals(Math.log(p * s - q * r), LinAlg.logdet(Tensor.of(new double[][] {{p, q}, {r, s}})).item(), 1e-12);
  }

  @Test
  void aNegativeDeterminantGivesSignMinusOneAndLogdetNaN() {
    Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}}); // det = -2
    LinAlg.SignLogAbsDet s = LinAlg.slogdet(a);
    assertEquals(-1.0, s.sign().item());
    assertEquals(Math.log(2.0), s.logAbsDet().item(), 1e-12);
    assertTrue(Double.isNaN(LinAlg.logdet(a).item()));
    assertEquals(-2.0, LinAlg.det(a).item(), 1e-12);
  }

  @Test
  void aSingularMatrixGivesSignZeroAndLogAbsDetMinusInfinity() {
    Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {2, 4, 6}, {1, 0, 1}});
    LinAlg.SignLogAbsDet s = LinAlg.slogdet(a);
    assertEquals(0.0, s.sign().item());
    assertEquals(Double.NEGATIVE_INFINITY, s.logAbsDet().item());
    assertEquals(Double.NEGATIVE_INFINITY, LinAlg.logdet(a).item());
    assertEquals(0.0, LinAlg.det(a).item());
  }

  @Test
  void theDeterminantOfAPermutationMatrixIsItsParity() {
    Tensor cycle = Tensor.of(new double[][] {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}}); // a 3-cycle: even
    Tensor swap = Tensor.of(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}}); // one transposition: odd
    assertArrayEquals(new double[] {1.0, -1.0}, LinAlg.det(Tensor.stack(List.of(cycle, swap), 0)).toDoubleArray());
  }

  @Test
  void theDeterminantOfAnEmptyMatrixIsOne() {
    LinAlg.SignLogAbsDet s = LinAlg.slogdet(Tensor.zeros(F64, 2, 0, 0));
    assertArrayEquals(new double[] {1.0, 1.0}, s.sign().toDoubleArray());
    assertArrayEquals(new double[] {0.0, 0.0}, s.logAbsDet().toDoubleArray());
  }

  // ---------------------------------------------------------------- qr

  @ParameterizedTest
  @MethodSource("dtypesAndShapes")
  void qrFactorsReproduceTheMatrix(DType dtype, int m, int n) {
    Tensor a = randn(50, dtype, 2, 3, m, n);
    LinAlg.QR qr = LinAlg.qr(a);
    int k = Math.min(m, n);
    assertArrayEquals(new int[] {2, 3, m, k}, qr.q().shape());
    assertArrayEquals(new int[] {2, 3, k, n}, qr.r().shape());
    assertClose(a, f64(qr.q()).matmul(f64(qr.r())), tol(dtype), "Q R");
  }

  @ParameterizedTest
  @MethodSource("dtypesAndShapes")
  void qrGivesOrthonormalColumnsOfQ(DType dtype, int m, int n) {
    assertOrthonormalColumns(LinAlg.qr(randn(51, dtype, 2, 3, m, n)).q(), tol(dtype), "qr");
  }

  @ParameterizedTest
  @MethodSource("dtypesAndShapes")
  void qrGivesAnUpperTriangularRWithANonNegativeDiagonal(DType dtype, int m, int n) {
    Tensor r = LinAlg.qr(randn(52, dtype, 2, 3, m, n)).r();
    assertEquals(0.0, maxAbs(r.tril(-1)), "entries below the diagonal");
    assertTrue(r.diagonal(0, -2, -1).ge(0.0).all().item() != 0, "diagonal >= 0");
  }

  @Test
  void qrOfAnUpperTriangularMatrixWithAPositiveDiagonalIsTheIdentityTimesItself() {
    Tensor a = triangular(53, F64, true, false, 5, 5);
    LinAlg.QR qr = LinAlg.qr(a);
    assertClose(eye(5, F64), qr.q(), 1e-12, "Q");
    assertClose(a, qr.r(), 1e-12, "R");
  }

  @Test
  void qrOfMinusTheIdentityMovesTheSignsIntoQ() {
    LinAlg.QR qr = LinAlg.qr(eye(3, F64).neg());
    assertClose(eye(3, F64).neg(), qr.q(), 1e-15, "Q");
    assertClose(eye(3, F64), qr.r(), 1e-15, "R");
  }

  @Test
  void qrOfANonContiguousViewMatchesQrOfItsCopy() {
    Tensor a = randn(54, F64, 2, 6, 4);
    LinAlg.QR expected = LinAlg.qr(a);
    LinAlg.QR actual = LinAlg.qr(nonContiguous(a));
    assertTrue(actual.q().equal(expected.q()) && actual.r().equal(expected.r()));
  }

  // ---------------------------------------------------------------- eigh

  private static Tensor symmetric(long seed, DType dtype, int... shape) {
    Tensor m = randn(seed, dtype, shape);
    return m.add(m.mT());
  }

  @ParameterizedTest
  @MethodSource("dtypesAndSizes")
  void eighEigenvectorsSatisfyAVEqualsVDiagW(DType dtype, int n) {
    Tensor a = symmetric(60, dtype, 2, 3, n, n);
    LinAlg.Eigh e = LinAlg.eigh(a);
    assertArrayEquals(new int[] {2, 3, n}, e.eigenvalues().shape());
    Tensor v = f64(e.eigenvectors());
    assertClose(f64(a).matmul(v), v.mul(f64(e.eigenvalues()).unsqueeze(-2)), tol(dtype), maxAbs(a), "A V = V diag(w)");
  }

  @ParameterizedTest
  @MethodSource("dtypesAndSizes")
  void eighEigenvectorsAreOrthonormal(DType dtype, int n) {
    assertOrthonormalColumns(LinAlg.eigh(symmetric(61, dtype, 2, 3, n, n)).eigenvectors(), tol(dtype), "eigh");
  }

  @ParameterizedTest
  @MethodSource("dtypesAndSizes")
  void eighEigenvaluesAscend(DType dtype, int n) {
    Tensor w = LinAlg.eigh(symmetric(62, dtype, 2, 3, n, n)).eigenvalues();
    if (n > 1) assertTrue(w.narrow(-1, 1, n - 1).sub(w.narrow(-1, 0, n - 1)).ge(0.0).all().item() != 0, "ascending");
  }

  @Test
  void eighOfADiagonalMatrixGivesItsSortedDiagonal() {
    Tensor a = Tensor.of(new double[][] {{3, 0, 0, 0}, {0, -1, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 0.5}});
    LinAlg.Eigh e = LinAlg.eigh(a);
    assertClose(Tensor.of(-1.0, 0.5, 2.0, 3.0), e.eigenvalues(), 1e-14, "eigenvalues");
    // The eigenvectors are the unit vectors e1, e3, e2, e0, up to sign.
    Tensor expected = Tensor.of(new double[][] {{0, 0, 0, 1}, {1, 0, 0, 0}, {0, 0, 1, 0}, {0, 1, 0, 0}});
    assertClose(expected, e.eigenvectors().abs(), 1e-14, "|V|");
  }

  @Test
  void eighOfA2x2MatchesTheClosedForm() {
    double p = 2.0, q = 0.75, s = -1.0; // [[p, q], [q, s]]
    double mean = (p + s) / 2;
    double radius = Math.hypot((p - s) / 2, q);
    Tensor w = LinAlg.eigh(Tensor.of(new double[][] {{p, q}, {q, s}})).eigenvalues();
    assertClose(Tensor.of(mean - radius, mean + radius), w, 1e-14, "eigenvalues");
  }

  @Test
  void eighReadsOnlyTheLowerTriangle() {
    Tensor a = symmetric(63, F64, 2, 5, 5);
    Tensor garbage = a.tril().add(randn(64, F64, 2, 5, 5).mul(1e3).triu(1));
    LinAlg.Eigh expected = LinAlg.eigh(a);
    LinAlg.Eigh actual = LinAlg.eigh(garbage);
    assertTrue(actual.eigenvalues().equal(expected.eigenvalues()) && actual.eigenvectors().equal(expected.eigenvectors()));
  }

  // ---------------------------------------------------------------- svd

  @ParameterizedTest
  @MethodSource("dtypesAndShapes")
  void svdReproducesTheMatrix(DType dtype, int m, int n) {
    Tensor a = randn(70, dtype, 2, 3, m, n);
    LinAlg.SVD svd = LinAlg.svd(a);
    int k = Math.min(m, n);
    assertArrayEquals(new int[] {2, 3, m, k}, svd.u().shape());
    assertArrayEquals(new int[] {2, 3, k}, svd.s().shape());
    assertArrayEquals(new int[] {2, 3, k, n}, svd.vh().shape());
    Tensor usv = f64(svd.u()).mul(f64(svd.s()).unsqueeze(-2)).matmul(f64(svd.vh()));
    assertClose(a, usv, tol(dtype), "U diag(S) Vh");
  }

  @ParameterizedTest
  @MethodSource("dtypesAndShapes")
  void svdGivesOrthonormalColumnsOfUAndRowsOfVh(DType dtype, int m, int n) {
    LinAlg.SVD svd = LinAlg.svd(randn(71, dtype, 2, 3, m, n));
    assertOrthonormalColumns(svd.u(), tol(dtype), "U");
    assertOrthonormalColumns(svd.vh().mT(), tol(dtype), "Vh^T");
  }

  @ParameterizedTest
  @MethodSource("dtypesAndShapes")
  void svdSingularValuesAreNonNegativeAndDescending(DType dtype, int m, int n) {
    Tensor s = LinAlg.svd(randn(72, dtype, 2, 3, m, n)).s();
    int k = s.size(-1);
    assertTrue(s.ge(0.0).all().item() != 0, "non-negative");
    if (k > 1) assertTrue(s.narrow(-1, 0, k - 1).sub(s.narrow(-1, 1, k - 1)).ge(0.0).all().item() != 0, "descending");
  }

  @Test
  void svdOfAScaledPermutationGivesTheAbsoluteScalesInDescendingOrder() {
    Tensor square = Tensor.of(new double[][] {{0, -5, 0}, {3, 0, 0}, {0, 0, 1}});
    assertClose(Tensor.of(5.0, 3.0, 1.0), LinAlg.svd(square).s(), 1e-14, "square");
    Tensor wide = Tensor.of(new double[][] {{3, 0, 0}, {0, 0, -4}});
    assertClose(Tensor.of(4.0, 3.0), LinAlg.svd(wide).s(), 1e-14, "wide");
    assertClose(Tensor.of(4.0, 3.0), LinAlg.svd(wide.mT()).s(), 1e-14, "tall");
  }

  // ---------------------------------------------------------------- memory layout

  @Test
  void decompositionsLeaveTheirInputUntouched() {
    // A single contiguous matrix at offset 0 is handed to EJML without a copy; it must stay as it was.
    Tensor a = spd(80, F64, 6, 6);
    Tensor before = a.clone();
    LinAlg.cholesky(a);
    LinAlg.cholesky(a, true);
    LinAlg.solve(a, Tensor.ones(F64, 6));
    LinAlg.inv(a);
    LinAlg.slogdet(a);
    LinAlg.qr(a);
    LinAlg.eigh(a);
    LinAlg.svd(a);
    LinAlg.solveTriangular(a, Tensor.ones(F64, 6, 2), false, true, false);
    assertTrue(a.equal(before));
  }

  @Test
  void aMatrixThatStartsInsideItsStorageGivesTheSameResultsAsACopy() {
    Tensor stacked = spd(81, F64, 3, 5, 5);
    Tensor view = stacked.select(0, 1); // contiguous, storage offset 25
    Tensor copy = view.clone();
    assertTrue(view.storageOffset() > 0);
    assertTrue(LinAlg.cholesky(view).equal(LinAlg.cholesky(copy)));
    assertTrue(LinAlg.inv(view).equal(LinAlg.inv(copy)));
    assertTrue(LinAlg.slogdet(view).logAbsDet().equal(LinAlg.slogdet(copy).logAbsDet()));
    assertTrue(LinAlg.qr(view).r().equal(LinAlg.qr(copy).r()));
    assertTrue(LinAlg.svd(view).s().equal(LinAlg.svd(copy).s()));
    assertTrue(LinAlg.eigh(view).eigenvalues().equal(LinAlg.eigh(copy).eigenvalues()));
    assertTrue(LinAlg.solveTriangular(view, stacked.select(0, 2), false, true, false)
        .equal(LinAlg.solveTriangular(copy, stacked.select(0, 2).clone(), false, true, false)));
  }

  @Test
  void aLargeBatchRunInParallelMatchesTheSameBatchRunSerially() {
    Tensor a = spd(82, F64, 64, 24, 24);
    int previous = Parallel.numThreads();
    try {
      Parallel.setNumThreads(1);
      Tensor serialInv = LinAlg.inv(a);
      Tensor serialL = LinAlg.cholesky(a);
      Tensor serialS = LinAlg.svd(a).s();
      Parallel.setNumThreads(4);
      assertTrue(LinAlg.inv(a).equal(serialInv));
      assertTrue(LinAlg.cholesky(a).equal(serialL));
      assertTrue(LinAlg.svd(a).s().equal(serialS));
    } finally {
      Parallel.setNumThreads(previous);
    }
  }
}
