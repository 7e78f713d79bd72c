package io.frontier.multiobjective.aggregate;

import io.frontier.autograd.Autograd;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * One multi-objective gradient step on shared parameters: the gradient of each of the K scalar
 * losses is taken separately ({@link Autograd#grad} with the graph retained), flattened in float64
 * into row k of a K x n matrix G, the aggregator picks weights from G G^T, and the combined
 * gradient w^T G is written into each parameter's {@code grad()} (replacing what was there), in
 * the parameter's dtype, so any io.frontier.optim optimizer can then step. A parameter a loss
 * does not reach gets a zero gradient for that loss.
 *
 * <p>MGDA-UB (Sener and Koltun 2018, "Multi-Task Learning as Multi-Objective Optimization"): when
 * the caller passes the shared representation z (the encoder's output that every task head reads)
 * to {@link #backward(List, List, Aggregator, Tensor)}, G holds the gradients of the losses with
 * respect to z instead of the shared parameters (K backward passes through the heads only, and a
 * Gram matrix of size K x dim z), the aggregator picks weights w from that Gram matrix, and then one
 * backward pass of sum_k w_k L_k through the whole network gives the parameters' gradient. Since
 * dL_k/dtheta = (dz/dtheta)^T dL_k/dz, the min-norm problem on z bounds the one on theta from
 * above (||(dz/dtheta)^T v|| <= ||dz/dtheta|| ||v||). The choice belongs to the caller, so it
 * works with every {@link Aggregator}.
 */
public final class MultiObjectiveStep {
  private MultiObjectiveStep() {}

  /** Aggregates the gradients of {@code losses} on {@code params} and sets each parameter's grad. */
  public static Aggregation backward(List<Tensor> losses, List<Tensor> params, Aggregator aggregator) {
    return backward(losses, params, aggregator, null);
  }

  /**
   * As {@link #backward(List, List, Aggregator)}, but with a non-null {@code representation} the
   * weights come from the gradients at that tensor (MGDA-UB, see the class notes) and the
   * parameters' gradient is that of sum_k w_k L_k. The returned direction is then that combined
   * gradient of the parameters, flattened in float64; with a null representation this is the plain step.
   */
  public static Aggregation backward(List<Tensor> losses, List<Tensor> params, Aggregator aggregator, Tensor representation) {
    if (losses == null || losses.isEmpty()) throw new IllegalArgumentException("MultiObjectiveStep: no losses");
    if (params == null || params.isEmpty()) throw new IllegalArgumentException("MultiObjectiveStep: no parameters");
    if (aggregator == null) throw new IllegalArgumentException("MultiObjectiveStep: aggregator is null");
    for (int i = 0; i < params.size(); i++) {
      if (!params.get(i).requiresGrad()) throw new IllegalArgumentException("MultiObjectiveStep: parameter " + i + " does not require grad");
    }
    for (int k = 0; k < losses.size(); k++) {
      if (losses.get(k).numel() != 1) {
        throw new IllegalArgumentException("MultiObjectiveStep: loss " + k + " is not a scalar (" + losses.get(k).numel() + " elements)");
      }
    }
    if (representation != null) return backwardThroughRepresentation(losses, params, aggregator, representation);
    Tensor jacobian = jacobian(losses, params);
    double[] gramFlat = jacobian.matmul(jacobian.t()).toDoubleArray();
    int k = losses.size();
    double[][] gram = new double[k][k];
    for (int i = 0; i < k; i++) System.arraycopy(gramFlat, i * k, gram[i], 0, k);
    double[] weights = aggregator.weights(gram);
    Tensor combined = Tensor.of(weights).reshape(1, k).matmul(jacobian).reshape(-1);
    setGrads(params, combined);
    return new Aggregation(weights, combined.toDoubleArray());
  }

  private static Aggregation backwardThroughRepresentation(List<Tensor> losses, List<Tensor> params, Aggregator aggregator,
      Tensor representation) {
    if (!representation.requiresGrad()) {
      throw new IllegalArgumentException("MultiObjectiveStep: the shared representation is not part of a graph that requires grad");
    }
    Tensor jacobian = jacobian(losses, List.of(representation));
    double[] gramFlat = jacobian.matmul(jacobian.t()).toDoubleArray();
    int k = losses.size();
    double[][] gram = new double[k][k];
    for (int i = 0; i < k; i++) System.arraycopy(gramFlat, i * k, gram[i], 0, k);
    double[] weights = aggregator.weights(gram);
    Tensor total = null;
    for (int i = 0; i < k; i++) {
      Tensor term = losses.get(i).reshape(-1).sum().mul(weights[i]);
      total = total == null ? term : total.add(term);
    }
    Tensor[] grads = Autograd.grad(List.of(total), null, params, true);
    List<Tensor> flat = new ArrayList<>();
    for (int i = 0; i < grads.length; i++) {
      flat.add(grads[i] == null ? Tensor.zeros(DType.FLOAT64, params.get(i).numel()) : grads[i].detach().reshape(-1).to(DType.FLOAT64));
    }
    Tensor combined = Tensor.cat(flat, 0);
    setGrads(params, combined);
    return new Aggregation(weights, combined.toDoubleArray());
  }

  /** Writes consecutive slices of the flat float64 gradient into the parameters' grads. */
  private static void setGrads(List<Tensor> params, Tensor combined) {
    int offset = 0;
    for (Tensor p : params) {
      int n = p.numel();
      p.setGrad(combined.narrow(0, offset, n).reshape(p.shape()).to(p.dtype()).to(p.device()).contiguous());
      offset += n;
    }
  }

  /** The K x n float64 matrix whose row k is the flattened gradient of loss k on {@code params}. */
  static Tensor jacobian(List<Tensor> losses, List<Tensor> params) {
    List<Tensor> rows = new ArrayList<>();
    for (Tensor loss : losses) {
      Tensor[] grads = Autograd.grad(List.of(loss), null, params, true);
      List<Tensor> flat = new ArrayList<>();
      for (int i = 0; i < grads.length; i++) {
        Tensor g = grads[i] == null ? Tensor.zeros(DType.FLOAT64, params.get(i).numel()) : grads[i].detach().reshape(-1).to(DType.FLOAT64);
        flat.add(g);
      }
      rows.add(Tensor.cat(flat, 0).reshape(1, -1));
    }
    return Tensor.cat(rows, 0);
  }
}
