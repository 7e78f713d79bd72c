package io.frontier.tensor.cpu.gemm;

import io.frontier.tensor.cpu.VectorSupport;
import java.util.ArrayList;
import java.util.List;

/** A GEMM implementation under test, called with the arguments of {@link Gemm#sgemm}/{@link Gemm#dgemm}. */
record GemmImplementation(String name, Sgemm sgemm, Dgemm dgemm) {

  @FunctionalInterface
  interface Sgemm {
    void run(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
        float[] c, int cOff, int ldc, boolean accumulate, boolean parallel);
  }

  @FunctionalInterface
  interface Dgemm {
    void run(int m, int n, int k, double[] a, int aOff, int aRs, int aCs, double[] b, int bOff, int bRs, int bCs,
        double[] c, int cOff, int ldc, boolean accumulate, boolean parallel);
  }

  /** The public dispatcher and every implementation behind it that this JVM can run. */
  static List<GemmImplementation> all() {
    List<GemmImplementation> all = new ArrayList<>();
    all.add(new GemmImplementation("Gemm", Gemm::sgemm, Gemm::dgemm));
    all.add(new GemmImplementation("ScalarGemm", ScalarGemm::sgemm, ScalarGemm::dgemm));
    all.add(new GemmImplementation("SmallGemm",
        (m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, acc, par) ->
            SmallGemm.sgemm(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, acc),
        (m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, acc, par) ->
            SmallGemm.dgemm(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, acc)));
    if (VectorSupport.available()) all.add(vector());
    return all;
  }

  /** Separate so that VectorGemmF32/F64 are only linked when the Vector API is there. */
  private static GemmImplementation vector() {
    return new GemmImplementation("VectorGemm", VectorGemmF32::sgemm, VectorGemmF64::dgemm);
  }

  /** Runs the case in float32 and checks the result. */
  void check32(GemmCase t, boolean parallel) {
    float[] c = GemmCase.toFloat(t.c0);
    sgemm.run(t.m, t.n, t.k, GemmCase.toFloat(t.a), t.layout.aOff(), t.aRs, t.aCs,
        GemmCase.toFloat(t.b), t.layout.bOff(), t.bRs, t.bCs, c, t.layout.cOff(), t.ldc, t.layout.accumulate(),
        parallel);
    t.verify(c, name + (parallel ? " (parallel)" : ""));
  }

  /** Runs the case in float64 and checks the result. */
  void check64(GemmCase t, boolean parallel) {
    double[] c = t.c0.clone();
    dgemm.run(t.m, t.n, t.k, t.a, t.layout.aOff(), t.aRs, t.aCs, t.b, t.layout.bOff(), t.bRs, t.bCs,
        c, t.layout.cOff(), t.ldc, t.layout.accumulate(), parallel);
    t.verify(c, name + (parallel ? " (parallel)" : ""));
  }

  @Override
  public String toString() {
    return name;
  }
}
