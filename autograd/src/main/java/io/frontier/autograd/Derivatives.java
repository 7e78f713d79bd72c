package io.frontier.autograd;

import io.frontier.tensor.backend.BinaryOp;
import io.frontier.tensor.backend.ReduceOp;
import io.frontier.tensor.backend.ScanOp;
import io.frontier.tensor.backend.UnaryOp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of backward formulas, keyed by the op family the tensor module records ("unary",
 * "binary", "reduce", "view", ...). {@link #registeredOps()} lists every differentiable op by name
 * ({@code "unary.EXP"}, {@code "view.transpose"}); the test suite gradchecks each of them, so an op
 * registered without a test fails the build.
 */
final class Derivatives {
  private static final Map<String, Derivative> FAMILIES = new LinkedHashMap<>();

  static {
    FAMILIES.put("unary", new UnaryDerivatives());
    FAMILIES.put("binary", new BinaryDerivatives());
    FAMILIES.put("where", WhereDerivative.INSTANCE);
    FAMILIES.put("clamp", new ClampDerivative());
    FAMILIES.put("reduce", new ReduceDerivatives());
    FAMILIES.put("indexReduce", IndexDerivatives.INDEX_REDUCE);
    FAMILIES.put("scan", new ScanDerivatives());
    FAMILIES.put("softmax", new SoftmaxDerivative());
    FAMILIES.put("bmm", new BmmDerivative());
    FAMILIES.put("matmul4", new Matmul4Derivative());
    FAMILIES.put("view", new ViewDerivatives());
    FAMILIES.put("split", new SplitDerivative());
    FAMILIES.put("clone", CopyDerivatives.CLONE);
    FAMILIES.put("toDType", CopyDerivatives.TO_DTYPE);
    FAMILIES.put("toDevice", CopyDerivatives.TO_DEVICE);
    FAMILIES.put("gather", IndexDerivatives.GATHER);
    FAMILIES.put("indexSelect", IndexDerivatives.INDEX_SELECT);
    FAMILIES.put("sort", IndexDerivatives.SORT);
    FAMILIES.put("pad", IndexDerivatives.PAD);
    FAMILIES.put("scatter", IndexDerivatives.SCATTER);
    FAMILIES.put("indexAdd", IndexDerivatives.INDEX_ADD);
    FAMILIES.put("cat", IndexDerivatives.CAT);
    FAMILIES.put("cholesky", LinAlgDerivatives.CHOLESKY);
    FAMILIES.put("solveTriangular", LinAlgDerivatives.SOLVE_TRIANGULAR);
    FAMILIES.put("solve", LinAlgDerivatives.SOLVE);
    FAMILIES.put("inv", LinAlgDerivatives.INV);
    FAMILIES.put("slogdet", LinAlgDerivatives.SLOGDET);
    FAMILIES.put("layerNorm", FusedDerivatives.LAYER_NORM);
    FAMILIES.put("rmsNorm", FusedDerivatives.RMS_NORM);
    FAMILIES.put("crossEntropy", FusedDerivatives.CROSS_ENTROPY);
    FAMILIES.put("causalSoftmax", FusedDerivatives.CAUSAL_SOFTMAX);
    FAMILIES.put("linear", FusedDerivatives.LINEAR);
    FAMILIES.put("attention", FusedDerivatives.ATTENTION);
  }

  private Derivatives() {}

  static Derivative of(String family, Object[] args) {
    Derivative d = FAMILIES.get(family);
    if (d == null) throw new IllegalStateException("no derivative registered for op family '" + family + "'");
    return d;
  }

  /** Every differentiable op, by the name its node carries. */
  static List<String> registeredOps() {
    List<String> ops = new ArrayList<>();
    for (UnaryOp op : UnaryOp.values()) if (op.domain() != UnaryOp.Domain.PREDICATE) ops.add("unary." + op);
    for (BinaryOp op : BinaryOp.values()) if (!op.returnsBool()) ops.add("binary." + op);
    for (ReduceOp op : ReduceDerivatives.DIFFERENTIABLE) ops.add("reduce." + op);
    for (ScanOp op : ScanOp.values()) ops.add("scan." + op);
    for (String v : ViewDerivatives.NAMES) ops.add("view." + v);
    for (String f : FAMILIES.keySet()) {
      if (!List.of("unary", "binary", "reduce", "scan", "view").contains(f)) ops.add(f);
    }
    return Collections.unmodifiableList(ops);
  }
}
