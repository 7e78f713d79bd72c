package io.frontier.nn;

import io.frontier.tensor.Tensor;
import java.util.List;

/** Layers applied in order, registered as children "0", "1", ... as in PyTorch. */
public final class Sequential extends Layer {
  private final List<Layer> layers;

  public Sequential(Layer... layers) {
    this.layers = List.of(layers);
    for (int i = 0; i < layers.length; i++) child(Integer.toString(i), layers[i]);
  }

  @Override
  public Tensor forward(Tensor x) {
    for (Layer l : layers) x = l.forward(x);
    return x;
  }

  public Layer get(int i) {
    return layers.get(i);
  }

  public int size() {
    return layers.size();
  }
}
