package io.frontier.multiobjective.domain;

import io.frontier.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * A synthetic shifted-domain classification problem: {@code classes} isotropic Gaussian blobs
 * (standard deviation {@code spread}) with centres evenly spaced on a circle of radius
 * {@code radius} in the first two coordinates (the first centre at angle 90 degrees), and
 * {@code shift.length - 2} further coordinates of standard normal noise that carry no class
 * information. The source domain draws points as they are; the target domain rotates the first two
 * coordinates by {@code rotationDegrees} about the origin and then adds {@code shift} to the whole
 * point. Labels are balanced (point i has class i mod C).
 */
record ShiftedBlobs(int classes, double radius, double spread, double rotationDegrees, double[] shift) {

  /** Points (N, D) and int64 labels (N). */
  record Sample(Tensor x, Tensor y) {}

  int dim() {
    return shift.length;
  }

  Sample source(int n, SplittableRandom random) {
    return draw(n, random, 0, new double[shift.length]);
  }

  Sample target(int n, SplittableRandom random) {
    return draw(n, random, Math.toRadians(rotationDegrees), shift);
  }

  private Sample draw(int n, SplittableRandom random, double rotation, double[] offset) {
    double[][] x = new double[n][shift.length];
    long[] y = new long[n];
    double cos = Math.cos(rotation);
    double sin = Math.sin(rotation);
    for (int i = 0; i < n; i++) {
      int c = i % classes;
      double angle = Math.PI / 2 + 2 * Math.PI * c / classes;
      double px = radius * Math.cos(angle) + spread * random.nextGaussian();
      double py = radius * Math.sin(angle) + spread * random.nextGaussian();
      x[i][0] = cos * px - sin * py + offset[0];
      x[i][1] = sin * px + cos * py + offset[1];
      for (int j = 2; j < shift.length; j++) x[i][j] = random.nextGaussian() + offset[j];
      y[i] = c;
    }
    return new Sample(Tensor.of(x), Tensor.of(y));
  }
}
