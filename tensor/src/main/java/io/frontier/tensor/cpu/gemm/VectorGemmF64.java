package io.frontier.tensor.cpu.gemm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float64 GEMM on the Vector API, in the GotoBLAS/BLIS structure: a KC×NC panel of B and an MC×KC
 * block of A are packed into micro-panels ({@link PackF64}), and a register-blocked micro-kernel
 * computes one MR×NR tile of C per call from one A micro-panel and one B micro-panel.
 *
 * <p><b>Micro-kernel.</b> MR = 4 rows × NR = 4 vectors (32 doubles with 512-bit vectors). Per
 * step of p it loads 4 B vectors, broadcasts 4 A values and issues 16 FMAs into 16 accumulators:
 * 21 of AVX-512's 32 vector registers, so nothing spills, and 16 independent accumulators keep
 * both FMA pipes busy through the FMA latency. On 256-bit hardware (16 registers) this tile
 * would spill; no separate kernel exists for it yet.
 * Shapes with more accumulators were not faster here; at n = 1024, GFLOP/s: 4×4 102–106,
 * 4×3 100, 5×4 97, 6×4 93, 8×3 94, 8×2 92.
 *
 * <p><b>Blocking.</b> KC = 512 halves the read-modify-write passes over C compared with 256. The
 * A block (MC·KC·8 B = 480 KiB) stays in the 1 MiB L2 while each B micro-panel
 * (KC·NR·8 B = 128 KiB) is swept by every A micro-panel of the block; the B panel
 * (KC·NC·8 B = 4 MiB) lives in L3. (KC, MC) ∈ {(512, 240), (512, 120), (384, 160), (256, 240),
 * (256, 480)} were all within 5 % of each other; MC = 120 keeps the A block at half of L2.
 *
 * <p><b>Measured</b> 2026-11-27 on a 2-core AVX-512 AMD EPYC (Zen 5, KVM guest), JDK 17, with
 * MatmulBenchmark (JMH, 1 fork, 3×1 s warm-up, 5×1 s measurement), n×n×n row-major, median
 * GFLOP/s at 1 / 2 threads: n = 256: 107 / 155, n = 1024: 110 / 195, n = 2048: 110 / 204; EJML
 * 0.46.1 in the same run: 8.0 / 15.1, 8.3 / 15.8, 5.6 / 9.8.
 */
final class VectorGemmF64 {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  /** Rows of the register tile: how many A values are broadcast per step of p. */
  static final int MR = 4;
  /** Columns of the register tile: four whole vectors. */
  static final int NR = 4 * LANES;
  static final int KC = 512;
  static final int MC = 120;
  static final int NC = 1024;
  /** A thread's smallest share of a parallel product: about 2.5 µs of work at 100 GFLOP/s (see VectorGemmF32). */
  static final long MIN_FMA_PER_THREAD = 125_000L;

  /**
   * Per-thread packing buffers, grown on demand and kept, so a product allocates nothing after
   * the first: at most (MC + NC)·KC elements plus a tile, about 4.5 MiB per thread that ran a
   * large product.
   */
  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private static final class Buffers {
    double[] packedA = new double[0];
    double[] packedB = new double[0];
    final double[] tile = new double[MR * NR];

    double[] packedA(int size) {
      if (packedA.length < size) packedA = new double[size];
      return packedA;
    }

    double[] packedB(int size) {
      if (packedB.length < size) packedB = new double[size];
      return packedB;
    }
  }

  private VectorGemmF64() {}

  /** Same contract as {@link Gemm#dgemm}, without argument checks. */
  static void dgemm(int m, int n, int k,
      double[] a, int aOff, int aRs, int aCs,
      double[] b, int bOff, int bRs, int bCs,
      double[] c, int cOff, int ldc, boolean accumulate, boolean parallel) {
    if (m == 0 || n == 0) return;
    if (k == 0) {
      if (!accumulate) ZeroFill.zero(c, cOff, ldc, m, n);
      return;
    }
    if (GemmPartition.transposeIsCheaper(m, n, MR, NR)) {
      // Narrow C (few columns, many rows): compute Cᵀ = Bᵀ·Aᵀ, whose tiles are mostly full,
      // by swapping the operands' roles and strides; only the write-back sees C transposed.
      GemmPartition.forBlocks(n, m, k, MR, NR, MIN_FMA_PER_THREAD, parallel, (j0, j1, i0, i1) ->
          serial(j1 - j0, i1 - i0, k, b, bOff + j0 * bCs, bCs, bRs, a, aOff + i0 * aRs, aCs, aRs,
              c, cOff + j0 + i0 * ldc, 1, ldc, accumulate));
    } else {
      GemmPartition.forBlocks(m, n, k, MR, NR, MIN_FMA_PER_THREAD, parallel, (i0, i1, j0, j1) ->
          serial(i1 - i0, j1 - j0, k, a, aOff + i0 * aRs, aRs, aCs, b, bOff + j0 * bCs, bRs, bCs,
              c, cOff + i0 * ldc + j0, ldc, 1, accumulate));
    }
  }

  /** C(i,j) = c[cOff + i*cRs + j*cCs]: row-major C, or Cᵀ when the caller swapped the operands. */
  private static void serial(int m, int n, int k,
      double[] a, int aOff, int aRs, int aCs,
      double[] b, int bOff, int bRs, int bCs,
      double[] c, int cOff, int cRs, int cCs, boolean accumulate) {
    Buffers buf = BUFFERS.get();
    // Even block sizes: k = 513 becomes 257 + 256 rather than 512 + 1, whose second pass would
    // re-read and re-write all of C for one multiply-add per element; likewise n = NC + 1 would
    // re-pack all of A for a single column.
    int kcStep = GemmPartition.ceilDiv(k, GemmPartition.ceilDiv(k, KC));
    int mcStep = GemmPartition.roundUp(GemmPartition.ceilDiv(m, GemmPartition.ceilDiv(m, MC)), MR);
    int ncStep = GemmPartition.roundUp(GemmPartition.ceilDiv(n, GemmPartition.ceilDiv(n, NC)), NR);
    for (int jc = 0; jc < n; jc += ncStep) {
      int nc = Math.min(ncStep, n - jc);
      for (int pc = 0; pc < k; pc += kcStep) {
        int kc = Math.min(kcStep, k - pc);
        double[] bp = buf.packedB(GemmPartition.roundUp(nc, NR) * kc);
        PackF64.packB(b, bOff + pc * bRs + jc * bCs, bRs, bCs, kc, nc, NR, bp);
        boolean overwrite = !accumulate && pc == 0;
        for (int ic = 0; ic < m; ic += mcStep) {
          int mc = Math.min(mcStep, m - ic);
          double[] ap = buf.packedA(GemmPartition.roundUp(mc, MR) * kc);
          PackF64.packA(a, aOff + ic * aRs + pc * aCs, aRs, aCs, mc, kc, MR, ap);
          macroKernel(mc, nc, kc, ap, bp, c, cOff + ic * cRs + jc * cCs, cRs, cCs, overwrite, buf.tile);
        }
      }
    }
  }

  /**
   * All tiles of one packed A block against one packed B panel. The B micro-panel is the outer
   * loop so it stays hot in cache while the A micro-panels stream past it.
   */
  private static void macroKernel(int mc, int nc, int kc, double[] ap, double[] bp,
      double[] c, int cBase, int cRs, int cCs, boolean overwrite, double[] tile) {
    for (int jr = 0; jr < nc; jr += NR) {
      int cols = Math.min(NR, nc - jr);
      for (int ir = 0; ir < mc; ir += MR) {
        int rows = Math.min(MR, mc - ir);
        microKernel(kc, ap, ir * kc, bp, jr * kc, tile);
        int cIdx = cBase + ir * cRs + jr * cCs;
        if (rows == MR && cols == NR && cCs == 1) {
          writeFullTile(tile, c, cIdx, cRs, overwrite);
        } else {
          writeTile(tile, rows, cols, c, cIdx, cRs, cCs, overwrite);
        }
      }
    }
  }

  private static void writeFullTile(double[] tile, double[] c, int cIdx, int ldc, boolean overwrite) {
    for (int r = 0; r < MR; r++) {
      for (int j = 0; j < NR; j += LANES) {
        DoubleVector t = DoubleVector.fromArray(SPECIES, tile, r * NR + j);
        if (!overwrite) t = t.add(DoubleVector.fromArray(SPECIES, c, cIdx + r * ldc + j));
        t.intoArray(c, cIdx + r * ldc + j);
      }
    }
  }

  /** The rows × cols corner of the tile, for edge tiles and for a transposed C. */
  private static void writeTile(double[] tile, int rows, int cols, double[] c, int cIdx, int cRs, int cCs,
      boolean overwrite) {
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        int idx = cIdx + r * cRs + j * cCs;
        c[idx] = overwrite ? tile[r * NR + j] : c[idx] + tile[r * NR + j];
      }
    }
  }

  /**
   * tile = (MR×kc micro-panel of A) · (kc×NR micro-panel of B), row-major MR×NR.
   *
   * <p>The tile goes to a small buffer rather than straight into C. Loading and storing C here
   * doubles the method, and at that size C1 (which compiles the Vector API as plain Java) ran out
   * of virtual registers on the 24-accumulator shapes; when that happened after a tier-2
   * compile, HotSpot never moved the method on to C2 and a 6×4 kernel ran at 1.7 GFLOP/s. A
   * small kernel compiles at every tier. The extra store and reload cost 1/kc of the work.
   */
  private static void microKernel(int kc, double[] ap, int aBase, double[] bp, int bBase, double[] tile) {
    DoubleVector c00 = DoubleVector.zero(SPECIES), c01 = DoubleVector.zero(SPECIES);
    DoubleVector c02 = DoubleVector.zero(SPECIES), c03 = DoubleVector.zero(SPECIES);
    DoubleVector c10 = DoubleVector.zero(SPECIES), c11 = DoubleVector.zero(SPECIES);
    DoubleVector c12 = DoubleVector.zero(SPECIES), c13 = DoubleVector.zero(SPECIES);
    DoubleVector c20 = DoubleVector.zero(SPECIES), c21 = DoubleVector.zero(SPECIES);
    DoubleVector c22 = DoubleVector.zero(SPECIES), c23 = DoubleVector.zero(SPECIES);
    DoubleVector c30 = DoubleVector.zero(SPECIES), c31 = DoubleVector.zero(SPECIES);
    DoubleVector c32 = DoubleVector.zero(SPECIES), c33 = DoubleVector.zero(SPECIES);
    for (int p = 0; p < kc; p++) {
      int bi = bBase + p * NR;
      int ai = aBase + p * MR;
      DoubleVector b0 = DoubleVector.fromArray(SPECIES, bp, bi);
      DoubleVector b1 = DoubleVector.fromArray(SPECIES, bp, bi + LANES);
      DoubleVector b2 = DoubleVector.fromArray(SPECIES, bp, bi + 2 * LANES);
      DoubleVector b3 = DoubleVector.fromArray(SPECIES, bp, bi + 3 * LANES);
      DoubleVector a0 = DoubleVector.broadcast(SPECIES, ap[ai]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      c02 = a0.fma(b2, c02);
      c03 = a0.fma(b3, c03);
      DoubleVector a1 = DoubleVector.broadcast(SPECIES, ap[ai + 1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      c12 = a1.fma(b2, c12);
      c13 = a1.fma(b3, c13);
      DoubleVector a2 = DoubleVector.broadcast(SPECIES, ap[ai + 2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      c22 = a2.fma(b2, c22);
      c23 = a2.fma(b3, c23);
      DoubleVector a3 = DoubleVector.broadcast(SPECIES, ap[ai + 3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      c32 = a3.fma(b2, c32);
      c33 = a3.fma(b3, c33);
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, LANES);
    c02.intoArray(tile, 2 * LANES);
    c03.intoArray(tile, 3 * LANES);
    c10.intoArray(tile, NR);
    c11.intoArray(tile, NR + LANES);
    c12.intoArray(tile, NR + 2 * LANES);
    c13.intoArray(tile, NR + 3 * LANES);
    c20.intoArray(tile, 2 * NR);
    c21.intoArray(tile, 2 * NR + LANES);
    c22.intoArray(tile, 2 * NR + 2 * LANES);
    c23.intoArray(tile, 2 * NR + 3 * LANES);
    c30.intoArray(tile, 3 * NR);
    c31.intoArray(tile, 3 * NR + LANES);
    c32.intoArray(tile, 3 * NR + 2 * LANES);
    c33.intoArray(tile, 3 * NR + 3 * LANES);
  }
}
