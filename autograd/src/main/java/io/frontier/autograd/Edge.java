package io.frontier.autograd;

/** Where an input's gradient goes: output {@code index} of a node, or a leaf's accumulator. */
record Edge(GraphTarget target, int index) {}
