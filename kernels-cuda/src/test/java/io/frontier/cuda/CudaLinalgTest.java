package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** CudaLinalg's launch arithmetic (the kernels themselves run in HostEmulationTest and LinalgParityTest). */
class CudaLinalgTest {

  @Test
  void leftSolvesWalkTheColumnsOfX() {
    // A X = B: X (5 x 7); op(A) = A, Y = X
    CudaLinalg.TriangularSolve s = CudaLinalg.TriangularSolve.of(2, 5, 5, 7, false, true);
    assertEquals(new CudaLinalg.TriangularSolve(7, 5, 1, true, 7, 1, new LaunchConfig(2, 1, 1, 256, 1, 0)), s);
    assertEquals(false, CudaLinalg.TriangularSolve.of(2, 5, 5, 7, true, true).lower());
  }

  @Test
  void rightSolvesAreTransposedLeftOnes() {
    // X A = B: X (7 x 5); Y = X^T (5 x 7), op(A) = A^T, so an upper A is a lower op(A)
    CudaLinalg.TriangularSolve s = CudaLinalg.TriangularSolve.of(3, 5, 7, 5, true, false);
    assertEquals(new CudaLinalg.TriangularSolve(7, 1, 5, true, 1, 5, new LaunchConfig(3, 1, 1, 256, 1, 0)), s);
  }

  @Test
  void gridIsCappedAndEmptySolvesLaunchNothing() {
    assertEquals(4096, CudaLinalg.TriangularSolve.of(1000, 10, 10, 1000, false, true).launch().gridX());
    assertNull(CudaLinalg.TriangularSolve.of(0, 10, 10, 3, false, true));
    assertNull(CudaLinalg.TriangularSolve.of(2, 10, 10, 0, false, true));
    assertNull(CudaLinalg.TriangularSolve.of(2, 0, 0, 3, false, true));
    assertEquals(new LaunchConfig(4096, 1, 1, 256, 1, 0), CudaLinalg.matrixLaunch(100_000));
    assertEquals(new LaunchConfig(3, 1, 1, 256, 1, 0), CudaLinalg.matrixLaunch(3));
  }
}
