package io.frontier.tensor.cpu;

import jdk.incubator.vector.FloatVector;

/** Loaded only when {@link VectorSupport#available()}: facts about the preferred vector shape. */
final class VectorShapes {
  private VectorShapes() {}

  static int preferredBits() {
    return FloatVector.SPECIES_PREFERRED.vectorBitSize();
  }
}
