package io.frontier.tensor.cpu.gemm;

/** A piece of a GEMM: the rows [rowStart, rowEnd) and columns [colStart, colEnd) of C. */
@FunctionalInterface
interface BlockTask {
  void run(int rowStart, int rowEnd, int colStart, int colEnd);
}
