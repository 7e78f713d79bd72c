package io.frontier.bench.jmh;

import io.frontier.tensor.cpu.Parallel;
import io.frontier.tensor.cpu.gemm.Gemm;
import io.frontier.tensor.cpu.gemm.NaiveGemm;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * n×n×n row-major matrix product, C = A·B: Frontier's {@link Gemm} against EJML's
 * {@code CommonOps_*DRM.mult} (or its {@code _MT} variant with {@code threads} workers) and the
 * naive triple loop. GFLOP/s = 2·n³ / time.
 *
 * <p>The full grid is long (naive at n = 2048 takes minutes per call); run the cells needed, e.g.
 * {@code java --add-modules jdk.incubator.vector -cp bench/target/frontier.jar org.openjdk.jmh.Main
 * MatmulBenchmark -p n=1024 -p impl=frontier,ejml -p dtype=float32 -p threads=1 -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MatmulBenchmark {

  @Param({"128", "256", "512", "1024", "2048"})
  public int n;

  @Param({"float32", "float64"})
  public String dtype;

  @Param({"frontier", "ejml", "naive"})
  public String impl;

  @Param({"1", "2"})
  public int threads;

  private float[] af;
  private float[] bf;
  private float[] cf;
  private double[] ad;
  private double[] bd;
  private double[] cd;
  private FMatrixRMaj ejmlAf;
  private FMatrixRMaj ejmlBf;
  private FMatrixRMaj ejmlCf;
  private DMatrixRMaj ejmlAd;
  private DMatrixRMaj ejmlBd;
  private DMatrixRMaj ejmlCd;

  @Setup(Level.Trial)
  public void setUp() {
    if (!dtype.equals("float32") && !dtype.equals("float64")) {
      throw new IllegalArgumentException("dtype must be float32 or float64, got " + dtype);
    }
    if (!impl.equals("frontier") && !impl.equals("ejml") && !impl.equals("naive")) {
      throw new IllegalArgumentException("impl must be frontier, ejml or naive, got " + impl);
    }
    Random rnd = new Random(42);
    int size = n * n;
    af = new float[size];
    bf = new float[size];
    cf = new float[size];
    ad = new double[size];
    bd = new double[size];
    cd = new double[size];
    for (int i = 0; i < size; i++) {
      ad[i] = rnd.nextDouble() * 2 - 1;
      bd[i] = rnd.nextDouble() * 2 - 1;
      af[i] = (float) ad[i];
      bf[i] = (float) bd[i];
    }
    ejmlAf = FMatrixRMaj.wrap(n, n, af);
    ejmlBf = FMatrixRMaj.wrap(n, n, bf);
    ejmlCf = new FMatrixRMaj(n, n);
    ejmlAd = DMatrixRMaj.wrap(n, n, ad);
    ejmlBd = DMatrixRMaj.wrap(n, n, bd);
    ejmlCd = new DMatrixRMaj(n, n);
    Parallel.setNumThreads(threads);
    EjmlConcurrency.setMaxThreads(threads);
  }

  @Benchmark
  public Object matmul() {
    boolean f32 = dtype.equals("float32");
    switch (impl) {
      case "frontier":
        if (f32) {
          Gemm.sgemm(n, n, n, af, 0, n, 1, bf, 0, n, 1, cf, 0, n, false, threads > 1);
          return cf;
        }
        Gemm.dgemm(n, n, n, ad, 0, n, 1, bd, 0, n, 1, cd, 0, n, false, threads > 1);
        return cd;
      case "ejml":
        if (f32) {
          if (threads > 1) CommonOps_MT_FDRM.mult(ejmlAf, ejmlBf, ejmlCf);
          else CommonOps_FDRM.mult(ejmlAf, ejmlBf, ejmlCf);
          return ejmlCf;
        }
        if (threads > 1) CommonOps_MT_DDRM.mult(ejmlAd, ejmlBd, ejmlCd);
        else CommonOps_DDRM.mult(ejmlAd, ejmlBd, ejmlCd);
        return ejmlCd;
      default:
        if (f32) {
          NaiveGemm.sgemm(n, n, n, af, 0, n, 1, bf, 0, n, 1, cf, 0, n, false);
          return cf;
        }
        NaiveGemm.dgemm(n, n, n, ad, 0, n, 1, bd, 0, n, 1, cd, 0, n, false);
        return cd;
    }
  }
}
