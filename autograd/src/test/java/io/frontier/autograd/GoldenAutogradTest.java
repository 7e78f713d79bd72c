package io.frontier.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Micrograd-style end-to-end parity with PyTorch 1.13: each fixture case is an expression built in
 * float64 from seeded random leaves, with torch's value and the gradient of every leaf for a given
 * cotangent. This test rebuilds the same expression with Frontier's API (looked up by the case's
 * name in {@link #EXPRESSIONS}), runs {@code backward(cotangent)}, and compares the value and every
 * gradient within rtol 1e-10. Each case runs twice: once with contiguous leaves and once with
 * leaves that are non-contiguous views (the gradient must not depend on the leaf's layout).
 *
 * <p>The fixtures come from {@code autograd/src/test/python/make_autograd_fixtures.py} and are
 * committed under {@code autograd/src/test/resources/golden/autograd_*.json}; this test never runs
 * Python.
 */
public class GoldenAutogradTest {
  static final double RTOL = 1e-10;
  /** Only for expected values that are exactly zero while Frontier's sum rounds to a few ulps. */
  static final double ATOL = 1e-13;

  static final List<String> TOPICS =
      List.of("micrograd", "broadcast", "reductions", "matmul", "views", "indexing", "where", "activations");

  /** The leaves ({@code v}) and the int64 index tensors ({@code i}) of a case. */
  public record Env(Map<String, Tensor> v, Map<String, Tensor> i) {
    public Tensor v(String name) {
      Tensor t = v.get(name);
      if (t == null) throw new IllegalArgumentException("no input " + name);
      return t;
    }

    /** An int64 index tensor or a constant (a mask) of the case. */
    public Tensor i(String name) {
      Tensor t = i.get(name);
      if (t == null) throw new IllegalArgumentException("no index input " + name);
      return t;
    }
  }

  static final Map<String, Function<Env, Tensor>> EXPRESSIONS = new LinkedHashMap<>();

  private static void expr(String name, Function<Env, Tensor> f) {
    if (EXPRESSIONS.put(name, f) != null) throw new IllegalStateException("duplicate " + name);
  }

  static {
    // ---- micrograd
    expr("micrograd test_sanity_check", e -> {
      Tensor x = e.v("x");
      Tensor z = x.mul(2.0).add(2.0).add(x);
      Tensor q = z.relu().add(z.mul(x));
      Tensor h = z.mul(z).relu();
      return h.add(q).add(q.mul(x));
    });
    Function<Env, Tensor> moreOps = e -> {
      Tensor a = e.v("a");
      Tensor b = e.v("b");
      Tensor c = a.add(b);
      Tensor d = a.mul(b).add(b.pow(3.0));
      c = c.add(c.add(1.0));
      c = c.add(c.add(1.0).add(a.neg()));
      d = d.add(d.mul(2.0).add(b.add(a).relu()));
      d = d.add(d.mul(3.0).add(b.sub(a).relu()));
      Tensor ee = c.sub(d);
      Tensor f = ee.pow(2.0);
      Tensor g = f.div(2.0);
      return g.add(f.reciprocal().mul(10.0));
    };
    expr("micrograd test_more_ops", moreOps);
    expr("micrograd test_more_ops on random scalars", moreOps);
    expr("micrograd test_more_ops elementwise on vectors", moreOps);
    expr("MLP with a cross-entropy loss (logSoftmax, gather, mean)", e -> {
      Tensor h = e.v("x").matmul(e.v("w1")).add(e.v("b1")).tanh();
      Tensor logits = h.matmul(e.v("w2")).add(e.v("b2"));
      return logits.logSoftmax(1).gather(1, e.i("target").unsqueeze(1)).mean().neg();
    });
    expr("a shared subexpression used twice accumulates its gradient", e -> {
      Tensor x = e.v("x");
      Tensor sub = x.mul(e.v("y")).add(x.sin());
      return sub.mul(sub).add(sub.exp().mul(x)).add(x.mul(x).sum());
    });

    // ---- broadcasting
    expr("add and mul broadcast (3,1) with (4,) and (2,1,4)", e -> e.v("a").add(e.v("b")).mul(e.v("c")));
    expr("sub and div broadcast with a 0-dim tensor", e -> e.v("a").div(e.v("b")).sub(e.v("c")).mul(e.v("d")));
    expr("pow with tensor exponents broadcast over the base", e -> e.v("a").pow(e.v("e")).add(e.v("a").pow(e.v("k"))));
    expr("maximum and minimum broadcast (no ties)", e -> e.v("a").maximum(e.v("b")).mul(e.v("a").minimum(e.v("b")).exp()));
    expr("maximum and minimum with ties split the gradient evenly",
        e -> e.v("a").maximum(e.v("b")).mul(2.0).add(e.v("a").minimum(e.v("b")).mul(3.0)));

    // ---- reductions
    expr("sum over dims with keepdim and mean over a dim", e -> {
      Tensor x = e.v("x");
      return x.sum(new int[] {0, 2}, true).mul(x).add(x.mean(1, true));
    });
    expr("amax with ties splits the gradient evenly", e -> {
      Tensor x = e.v("x");
      return Tensor.cat(List.of(x.amax(new int[] {1}, false), x.amax(new int[] {0, 1}, false).reshape(1)), 0);
    });
    expr("max(dim) with ties routes the gradient to the returned index", e -> {
      Tensor x = e.v("x");
      return Tensor.cat(List.of(x.max(1).values(), x.min(0).values()), 0);
    });
    expr("max(dim) values route the gradient to the chosen index", e -> {
      Tensor x = e.v("x");
      return Tensor.cat(List.of(x.max(1).values(), x.max(0, true).values().flatten()), 0);
    });
    expr("var and std with corrections", e -> {
      Tensor x = e.v("x");
      return x.var(1).add(x.var(new int[] {0, 1}, 0.0, false)).add(x.std(new int[] {0}, 1.0, true).sum());
    });
    expr("norms: 2-norm, 1-norm over a dim, 3-norm keepdim", e -> {
      Tensor x = e.v("x");
      return x.norm().add(x.norm(1.0, new int[] {1}, false)).add(x.norm(3.0, new int[] {0}, true).sum());
    });
    expr("logsumexp over one dim and over two dims", e -> {
      Tensor x = e.v("x");
      return x.logsumexp(2).mul(x.logsumexp(new int[] {0, 1}, true).squeeze(2).sum());
    });
    expr("softmax and logSoftmax over different dims", e -> {
      Tensor x = e.v("x");
      return x.softmax(1).mul(e.v("w")).add(x.logSoftmax(0));
    });
    expr("cumsum along both dims", e -> e.v("x").cumsum(1).mul(e.v("x").cumsum(0)));
    expr("prod over a dim (no zeros)", e -> e.v("x").prod(1, true).mul(e.v("x")));

    // ---- matmul
    expr("mm", e -> e.v("a").mm(e.v("b")));
    expr("batched matmul broadcasting the batch dims", e -> e.v("a").matmul(e.v("b")));
    expr("mv then dot", e -> e.v("m").mv(e.v("x")).dot(e.v("u")).add(e.v("x").matmul(e.v("n")).sum()));
    expr("bmm of a transposed batch", e -> e.v("a").bmm(e.v("b").transpose(1, 2)));

    // ---- views
    expr("transpose, permute, reshape, t, flatten",
        e -> e.v("x").permute(2, 0, 1).reshape(4, 6).t().mul(e.v("y")).transpose(0, 1).flatten());
    expr("slice with a step, select, narrow, unsqueeze, expand", e -> {
      Tensor x = e.v("x");
      return x.narrow(1, 1, 3).mul(x.select(1, 4).unsqueeze(1).expand(4, 3)).add(x.slice(0, 1, 4, 2).slice(1, 0, 3).sum());
    });
    expr("squeeze, flatten range, unflatten, diagonal", e -> {
      Tensor x = e.v("x");
      return x.squeeze(1).unflatten(1, 2, 3).flatten(0, 1).mul(x.squeeze(1).slice(1, 0, 2).reshape(6, 1))
          .add(e.v("y").diagonal(0, 0, 1).sum());
    });

    // ---- indexing
    expr("gather with repeated indices", e -> e.v("x").gather(1, e.i("idx")));
    expr("embedding and index_select with repeated indices",
        e -> Tensor.embedding(e.v("w"), e.i("ids")).mul(e.v("x").indexSelect(1, e.i("cols")).t()));
    expr("scatter_add into a base with collisions", e -> e.v("base").scatterAdd(1, e.i("idx"), e.v("src")));
    expr("cat, split, stack, chunk", e -> {
      Tensor b = e.v("b");
      List<Tensor> parts = Tensor.cat(List.of(e.v("a"), b, e.v("c")), 0).split(2, 0);
      Tensor st = Tensor.stack(List.of(parts.get(0), parts.get(1).mul(b)), 0);
      List<Tensor> ch = st.chunk(3, 2);
      return ch.get(0).mul(ch.get(2)).add(ch.get(1).exp()).add(parts.get(2).sum());
    });
    expr("split with sizes and stack on the last dim", e -> {
      List<Tensor> parts = e.v("x").split(new int[] {1, 3}, 1);
      return Tensor.stack(List.of(parts.get(0).squeeze(1).mul(e.v("y")), parts.get(1).sum(1)), 1);
    });
    expr("topk, sort and max(dim) values", e -> {
      Tensor x = e.v("x");
      return Tensor.cat(List.of(
          x.topk(3, 1, true).values().flatten(),
          x.topk(2, 0, false).values().flatten(),
          x.sort(1, true).values().flatten(),
          x.max(1).values()), 0);
    });

    // ---- where / clamp
    expr("where, masked_fill, clamp inside the bounds", e -> {
      Tensor x = e.v("x");
      Tensor y = e.v("y");
      return Tensor.where(x.gt(0.0), x.mul(y), y.exp()).add(y.maskedFill(y.lt(-0.5), 0.5).mul(x.clamp(-0.5, 0.5)));
    });
    expr("clamp exactly at its bounds passes the whole gradient to x", e -> {
      Tensor x = e.v("x");
      return x.clamp(-0.5, 0.5).add(x.clampMin(0.5).mul(2.0)).add(x.clampMax(-0.5).mul(3.0))
          .add(x.clamp(e.v("lo"), e.v("hi")).mul(5.0));
    });
    expr("clamp with tensor bounds, clamp_min, clamp_max", e -> {
      Tensor x = e.v("x");
      return x.clamp(e.v("lo"), e.v("hi")).add(x.clampMin(0.1).mul(x.clampMax(-0.2)));
    });

    // ---- activations
    expr("gelu exact and tanh, silu, softplus (default, beta 2 threshold 3), sigmoid, tanh, logSigmoid, relu", e -> {
      Tensor x = e.v("x");
      return Tensor.stack(List.of(x.gelu(), x.gelu("tanh"), x.silu(), x.softplus(), x.softplus(2.0, 3.0), x.sigmoid(),
          x.tanh(), x.logSigmoid(), x.relu()), 0);
    });
    expr("unary chain: exp, log, sqrt, rsqrt, reciprocal, sin, cos, abs, expm1, log1p, erf", e -> {
      Tensor p = e.v("p");
      Tensor y = e.v("y");
      return Tensor.stack(List.of(p.log(), p.sqrt(), p.rsqrt(), p.reciprocal(), y.exp(), y.sin(), y.cos(), y.abs(),
          y.expm1(), p.log1p(), y.erf(), y.square()), 0);
    });
  }

  // ------------------------------------------------------------------------------------------

  /**
   * Cases where Frontier disagrees with torch because of a known, reported bug, with the reason. Such
   * a case is run and reported as skipped (aborted) with its mismatches while it still disagrees,
   * and fails once it agrees, so that the entry is removed when the bug is fixed.
   */
  /** Cases where Frontier is known to disagree with torch, with the reason; empty since clamp got its own node. */
  static final Map<String, String> KNOWN_BUGS = Map.of();

  @TestFactory
  Stream<DynamicTest> valuesAndGradientsMatchTorch() {
    return TOPICS.stream().flatMap(topic -> load(topic).stream()).flatMap(c -> Stream.of(
        DynamicTest.dynamicTest(c.get("name") + " [" + c.get("topic") + "]", () -> checkOrKnownBug(c, false)),
        DynamicTest.dynamicTest(c.get("name") + " [" + c.get("topic") + "], with strided leaves", () -> checkOrKnownBug(c, true))));
  }

  static void checkOrKnownBug(Map<String, Object> c, boolean strided) {
    String bug = KNOWN_BUGS.get((String) c.get("name"));
    if (bug == null) {
      check(c, strided);
      return;
    }
    try {
      check(c, strided);
    } catch (AssertionFailedError e) {
      Assumptions.abort("known bug: " + bug + "\n" + e.getMessage());
    }
    fail("'" + c.get("name") + "' now matches torch: remove it from KNOWN_BUGS (" + bug + ")");
  }

  @Test
  void everyExpressionHasAFixtureCaseAndViceVersa() {
    Set<String> names = new HashSet<>();
    for (String topic : TOPICS) for (Map<String, Object> c : load(topic)) names.add((String) c.get("name"));
    assertEquals(EXPRESSIONS.keySet(), names);
    assertTrue(names.containsAll(KNOWN_BUGS.keySet()), "KNOWN_BUGS names a case that is not in the fixtures");
  }

  static void check(Map<String, Object> c, boolean strided) {
    check(c, strided, EXPRESSIONS.get((String) c.get("name")));
  }

  /** Rebuilds case {@code c} with {@code f} and compares the value and every gradient with torch's. */
  @SuppressWarnings("unchecked")
  public static void check(Map<String, Object> c, boolean strided, Function<Env, Tensor> f) {
    String name = (String) c.get("name");
    assertNotNull(f, () -> "no Frontier expression for fixture case '" + name + "'");
    Map<String, Tensor> leaves = new LinkedHashMap<>();
    for (Map.Entry<String, Object> in : ((Map<String, Object>) c.get("inputs")).entrySet()) {
      Tensor t = tensor((Map<String, Object>) in.getValue());
      if (strided) t = strided(t);
      leaves.put(in.getKey(), t.requiresGrad_(true));
    }
    Map<String, Tensor> ints = new LinkedHashMap<>();
    for (Map.Entry<String, Object> in : ((Map<String, Object>) c.get("ints")).entrySet()) {
      ints.put(in.getKey(), tensor((Map<String, Object>) in.getValue()));
    }
    Map<String, Object> consts = (Map<String, Object>) c.getOrDefault("consts", Map.of());
    for (Map.Entry<String, Object> in : consts.entrySet()) ints.put(in.getKey(), tensor((Map<String, Object>) in.getValue()));
    Tensor out = f.apply(new Env(leaves, ints));
    List<String> mismatches = new ArrayList<>();
    compare(name + ": value", (Map<String, Object>) c.get("value"), out, mismatches);
    out.backward(tensor((Map<String, Object>) c.get("cotangent")));
    for (Map.Entry<String, Object> g : ((Map<String, Object>) c.get("grads")).entrySet()) {
      Tensor actual = leaves.get(g.getKey()).grad();
      if (actual == null) mismatches.add(name + ": input " + g.getKey() + " got no gradient");
      else compare(name + ": gradient of " + g.getKey(), (Map<String, Object>) g.getValue(), actual, mismatches);
    }
    if (!mismatches.isEmpty()) fail(String.join("\n", mismatches));
  }

  /** Adds a line to {@code mismatches} when {@code actual} differs from the fixture's tensor. */
  static void compare(String where, Map<String, Object> spec, Tensor actual, List<String> mismatches) {
    if (actual.dtype() != DType.FLOAT64) {
      mismatches.add(where + ": dtype " + actual.dtype());
      return;
    }
    if (!Arrays.equals(shape(spec), actual.shape())) {
      mismatches.add(where + ": shape " + Arrays.toString(actual.shape()) + ", torch gives " + Arrays.toString(shape(spec)));
      return;
    }
    double[] a = actual.contiguous().toDoubleArray();
    List<?> values = (List<?>) spec.get("values");
    for (int k = 0; k < a.length; k++) {
      double e = ((Number) values.get(k)).doubleValue();
      if (!(Math.abs(a[k] - e) <= ATOL + RTOL * Math.abs(e))) {
        mismatches.add(where + ": element " + k + " is " + a[k] + ", torch gives " + e + " (rel. error "
            + Math.abs(a[k] - e) / Math.abs(e) + ")\n  actual   " + Arrays.toString(a) + "\n  expected " + values);
        return;
      }
    }
  }

  /** The same values in a view whose strides are doubled (a leaf: the base never required grad). */
  static Tensor strided(Tensor t) {
    if (t.numel() <= 1) return t;
    int[] wide = Arrays.copyOf(t.shape(), t.dim() + 1);
    wide[t.dim()] = 2;
    Tensor view = t.unsqueeze(t.dim()).expand(wide).contiguous().select(t.dim(), 0);
    if (view.isContiguous()) throw new AssertionError("strided view of " + Arrays.toString(t.shape()) + " is contiguous");
    return view;
  }

  static int[] shape(Map<String, Object> spec) {
    List<?> s = (List<?>) spec.get("shape");
    int[] shape = new int[s.size()];
    for (int k = 0; k < shape.length; k++) shape[k] = ((Number) s.get(k)).intValue();
    return shape;
  }

  static Tensor tensor(Map<String, Object> spec) {
    List<?> values = (List<?>) spec.get("values");
    int[] shape = shape(spec);
    switch ((String) spec.get("dtype")) {
      case "float64" -> {
        double[] d = new double[values.size()];
        for (int k = 0; k < d.length; k++) d[k] = ((Number) values.get(k)).doubleValue();
        return Tensor.fromArray(d, shape);
      }
      case "int64" -> {
        long[] l = new long[values.size()];
        for (int k = 0; k < l.length; k++) l[k] = ((Number) values.get(k)).longValue();
        return Tensor.fromArray(l, shape);
      }
      case "bool" -> {
        boolean[] b = new boolean[values.size()];
        for (int k = 0; k < b.length; k++) b[k] = (Boolean) values.get(k);
        return Tensor.fromArray(b, shape);
      }
      default -> throw new IllegalArgumentException("dtype " + spec.get("dtype"));
    }
  }

  /**
   * Every case of {@code topic} replayed by its expression in {@code expressions}, twice: with
   * contiguous and with strided leaves (for the fixture suites of other modules).
   */
  public static Stream<DynamicTest> replay(String topic, Map<String, Function<Env, Tensor>> expressions) {
    return load(topic).stream().flatMap(c -> {
      String name = (String) c.get("name");
      Function<Env, Tensor> f = expressions.get(name);
      return Stream.of(
          DynamicTest.dynamicTest(name, () -> check(c, false, f)),
          DynamicTest.dynamicTest(name + ", with strided leaves", () -> check(c, true, f)));
    });
  }

  /** The names of {@code topic}'s cases. */
  public static Set<String> caseNames(String topic) {
    Set<String> names = new LinkedHashSet<>();
    for (Map<String, Object> c : load(topic)) names.add((String) c.get("name"));
    return names;
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> load(String topic) {
    String resource = "/golden/autograd_" + topic + ".json";
    try (InputStream in = GoldenAutogradTest.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing fixture " + resource + "; run make_autograd_fixtures.py");
      JsonParser parser = new JsonFactory().createParser(in);
      parser.nextToken();
      Map<String, Object> doc = (Map<String, Object>) readValue(parser);
      List<Map<String, Object>> cases = new ArrayList<>();
      for (Object c : (List<?>) doc.get("cases")) {
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) c);
        m.put("topic", topic);
        cases.add(m);
      }
      if (cases.isEmpty()) throw new IllegalStateException("fixture " + resource + " holds no cases");
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + resource, e);
    }
  }

  private static Object readValue(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() != JsonToken.END_OBJECT) {
          String key = p.currentName();
          p.nextToken();
          map.put(key, readValue(p));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) list.add(readValue(p));
        return list;
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return p.getBooleanValue();
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      default -> throw new IOException("unexpected JSON token " + token);
    }
  }
}
