package io.frontier.autograd;

/** Something a gradient can flow into: an op's node or a leaf's accumulator. */
sealed interface GraphTarget permits Node, LeafAccumulator {}
