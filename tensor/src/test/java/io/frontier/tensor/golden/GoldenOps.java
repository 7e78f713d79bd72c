package io.frontier.tensor.golden;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.ValuesIndices;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Frontier call behind each fixture {@code op} key: one line per op, so that a reader can set
 * each beside the torch expression recorded in the fixture's {@code call} field.
 */
final class GoldenOps {
  private GoldenOps() {}

  private static final Map<String, Function<GoldenCase, List<Tensor>>> OPS = new HashMap<>();

  private static void op(String key, Function<GoldenCase, Tensor> fn) {
    OPS.put(key, c -> List.of(fn.apply(c)));
  }

  private static void pair(String key, Function<GoldenCase, ValuesIndices> fn) {
    OPS.put(key, c -> {
      ValuesIndices r = fn.apply(c);
      return List.of(r.values(), r.indices());
    });
  }

  private static void many(String key, Function<GoldenCase, List<Tensor>> fn) {
    OPS.put(key, fn);
  }

  /** Runs the case's op through Frontier; the outputs are in the order torch returned them. */
  static List<Tensor> run(GoldenCase c) {
    Function<GoldenCase, List<Tensor>> fn = OPS.get(c.op());
    if (fn == null) throw new AssertionError("no Frontier op registered for fixture op '" + c.op() + "' (" + c + ")");
    return fn.apply(c);
  }

  static {
    // variance
    op("var", c -> c.in("x").var(c.intsArg("dims"), c.doubleArg("correction"), c.boolArg("keepdim")));
    op("std", c -> c.in("x").std(c.intsArg("dims"), c.doubleArg("correction"), c.boolArg("keepdim")));

    // activations
    op("gelu", c -> c.in("x").gelu(c.stringArg("approximate")));
    op("silu", c -> c.in("x").silu());
    op("softplus", c -> c.has("beta") ? c.in("x").softplus(c.doubleArg("beta"), c.doubleArg("threshold")) : c.in("x").softplus());
    op("logSigmoid", c -> c.in("x").logSigmoid());
    op("sigmoid", c -> c.in("x").sigmoid());
    op("erf", c -> c.in("x").erf());
    op("exp", c -> c.in("x").exp());
    op("neg", c -> c.in("x").neg());
    op("abs", c -> c.in("x").abs());

    // softmax family
    op("softmax", c -> c.in("x").softmax(c.intArg("dim")));
    op("logSoftmax", c -> c.in("x").logSoftmax(c.intArg("dim")));
    op("logsumexp", c -> c.in("x").logsumexp(c.intsArg("dims"), c.boolArg("keepdim")));

    // sorting
    pair("sort", c -> c.in("x").sort(c.intArg("dim"), c.boolArg("descending")));
    op("argsort", c -> c.in("x").argsort(c.intArg("dim"), c.boolArg("descending")));
    pair("topk", c -> c.in("x").topk(c.intArg("k"), c.intArg("dim"), c.boolArg("largest")));
    op("topk.values", c -> c.in("x").topk(c.intArg("k"), c.intArg("dim"), c.boolArg("largest")).values());

    // arg reductions
    pair("max.dim", c -> c.in("x").max(c.intArg("dim"), c.boolArg("keepdim")));
    pair("min.dim", c -> c.in("x").min(c.intArg("dim"), c.boolArg("keepdim")));
    op("argmax", c -> c.has("dim") ? c.in("x").argmax(c.intArg("dim"), c.boolArg("keepdim")) : c.in("x").argmax());
    op("argmin", c -> c.has("dim") ? c.in("x").argmin(c.intArg("dim"), c.boolArg("keepdim")) : c.in("x").argmin());
    op("max", c -> c.in("x").max());
    op("min", c -> c.in("x").min());

    // matrix products
    op("matmul", c -> c.in("a").matmul(c.in("b")));

    // indexing
    op("gather", c -> c.in("x").gather(c.intArg("dim"), c.in("index")));
    op("scatter", c -> c.in("x").scatter(c.intArg("dim"), c.in("index"), c.in("src")));
    op("scatter.value", c -> c.in("x").scatter(c.intArg("dim"), c.in("index"), c.doubleArg("value")));
    op("scatterAdd", c -> c.in("x").scatterAdd(c.intArg("dim"), c.in("index"), c.in("src")));
    op("indexSelect", c -> c.in("x").indexSelect(c.intArg("dim"), c.in("index")));
    op("indexAdd", c -> c.in("x").indexAdd(c.intArg("dim"), c.in("index"), c.in("src")));
    op("takeAlongDim", c -> c.in("x").takeAlongDim(c.in("indices"), c.intArg("dim")));
    op("oneHot", c -> c.in("x").oneHot(c.intArg("numClasses")));
    op("embedding", c -> Tensor.embedding(c.in("weight"), c.in("indices")));

    // division and powers
    op("div", c -> c.in("a").div(c.in("b"), (String) c.arg("roundingMode")));
    op("div.scalar", c -> c.in("a").div(c.doubleArg("other")));
    op("floorDivide", c -> c.in("a").floorDivide(c.in("b")));
    op("floorDivide.scalar", c -> c.in("a").floorDivide(c.longArg("other")));
    op("remainder", c -> c.in("a").remainder(c.in("b")));
    op("remainder.scalar", c -> c.arg("other") instanceof Long l ? c.in("a").remainder(l.longValue()) : c.in("a").remainder(c.doubleArg("other")));
    op("pow", c -> c.in("a").pow(c.in("b")));
    op("pow.long", c -> c.in("a").pow(c.longArg("exponent")));
    op("pow.double", c -> c.in("a").pow(c.doubleArg("exponent")));

    // binary ops and promotion; a JSON integer stands for a Java long, a JSON float for a double
    op("add", c -> c.in("x").add(c.in("y")));
    op("sub", c -> c.in("x").sub(c.in("y")));
    op("mul", c -> c.in("x").mul(c.in("y")));
    op("add.scalar", c -> c.arg("other") instanceof Long l ? c.in("x").add(l.longValue()) : c.in("x").add(c.doubleArg("other")));
    op("mul.scalar", c -> c.arg("other") instanceof Long l ? c.in("x").mul(l.longValue()) : c.in("x").mul(c.doubleArg("other")));
    op("add_", c -> c.in("x").clone().add_(c.in("y")));
    op("add_.scalar", c -> c.in("x").clone().add_(c.doubleArg("other")));
    op("eq", c -> c.in("x").eq(c.in("y")));
    op("ne", c -> c.in("x").ne(c.in("y")));
    op("ge", c -> c.in("x").ge(c.in("y")));
    op("gt", c -> c.in("x").gt(c.in("y")));
    op("lt.scalar", c -> c.in("x").lt(c.doubleArg("other")));
    op("eq.scalar", c -> c.in("x").eq(c.doubleArg("other")));
    op("where", c -> Tensor.where(c.in("c"), c.in("x"), c.in("y")));

    // reductions and scans
    op("sum", c -> c.has("dims") ? c.in("x").sum(c.intsArg("dims"), c.boolArg("keepdim")) : c.in("x").sum());
    op("mean", c -> c.in("x").mean(c.intsArg("dims"), c.boolArg("keepdim")));
    op("prod", c -> c.has("dim") ? c.in("x").prod(c.intArg("dim"), c.boolArg("keepdim")) : c.in("x").prod());
    op("norm", c -> c.in("x").norm(c.doubleArg("p"), c.intsArg("dims"), c.boolArg("keepdim")));
    op("amax", c -> c.in("x").amax(c.intsArg("dims"), c.boolArg("keepdim")));
    op("amin", c -> c.in("x").amin(c.intsArg("dims"), c.boolArg("keepdim")));
    op("cumsum", c -> c.in("x").cumsum(c.intArg("dim")));
    op("cumprod", c -> c.in("x").cumprod(c.intArg("dim")));

    // shapes
    op("tril", c -> c.in("x").tril(c.intArg("diagonal")));
    op("triu", c -> c.in("x").triu(c.intArg("diagonal")));
    op("flip", c -> c.in("x").flip(c.intsArg("dims")));
    op("roll", c -> c.in("x").roll(c.intsArg("shifts"), c.intsArg("dims")));
    op("repeat", c -> c.in("x").repeat(c.intsArg("repeats")));
    op("pad", c -> c.in("x").pad(c.intsArg("pad"), c.doubleArg("value")));
    op("cat", c -> Tensor.cat(c.inList("tensors"), c.intArg("dim")));
    op("stack", c -> Tensor.stack(c.inList("tensors"), c.intArg("dim")));
    many("split", c -> c.in("x").split(c.intArg("splitSize"), c.intArg("dim")));
    many("split.sizes", c -> c.in("x").split(c.intsArg("sizes"), c.intArg("dim")));
    many("chunk", c -> c.in("x").chunk(c.intArg("chunks"), c.intArg("dim")));

    // creation
    op("linspace", c -> Tensor.linspace(c.doubleArg("start"), c.doubleArg("end"), c.intArg("steps"), c.dtypeArg("dtype")));
    op("arange.double", c -> Tensor.arange(c.doubleArg("start"), c.doubleArg("end"), c.doubleArg("step"), c.dtypeArg("dtype")));
    op("arange.long", c -> Tensor.arange(c.longArg("start"), c.longArg("end"), c.longArg("step")));
    op("eye", c -> Tensor.eye(c.intArg("n"), c.intArg("m"), c.dtypeArg("dtype")));
    op("eye.square", c -> Tensor.eye(c.intArg("n")));
  }
}
