package io.frontier.tensor.golden;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of a PyTorch golden fixture (see {@code tensor/src/test/python/make_golden_fixtures.py}
 * for the format): the op to run, its inputs and arguments, and torch's outputs or torch's error.
 * {@code frontierRefuses} marks a documented difference: torch answers, Frontier refuses by design.
 *
 * <p>Fixtures are read with the jackson-core streaming API into plain maps and lists, so the tests
 * need no JSON binding library.
 */
record GoldenCase(
    String topic,
    String name,
    String op,
    String call,
    Map<String, Object> inputs,
    Map<String, Object> args,
    List<Map<String, Object>> outputs,
    String error,
    Double rtol,
    Double atol,
    boolean zeroSign,
    boolean frontierRefuses,
    boolean stridedInputs) {

  /** Reads every case of {@code golden/<topic>.json} from the test classpath. */
  static List<GoldenCase> load(String topic) {
    String resource = "/golden/" + topic + ".json";
    try (InputStream in = GoldenCase.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing fixture " + resource + "; run make_golden_fixtures.py");
      JsonParser parser = new JsonFactory().createParser(in);
      parser.nextToken();
      Map<String, Object> doc = asMap(readValue(parser));
      List<GoldenCase> cases = new ArrayList<>();
      for (Object c : (List<?>) doc.get("cases")) cases.add(fromJson(topic, asMap(c)));
      if (cases.isEmpty()) throw new IllegalStateException("fixture " + resource + " holds no cases");
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + resource, e);
    }
  }

  private static GoldenCase fromJson(String topic, Map<String, Object> c) {
    List<Map<String, Object>> outputs = null;
    if (c.containsKey("outputs")) {
      outputs = new ArrayList<>();
      for (Object o : (List<?>) c.get("outputs")) outputs.add(asMap(o));
    }
    return new GoldenCase(
        topic,
        (String) c.get("name"),
        (String) c.get("op"),
        (String) c.get("call"),
        asMap(c.get("inputs")),
        asMap(c.get("args")),
        outputs,
        (String) c.get("error"),
        c.containsKey("rtol") ? number(c.get("rtol")) : null,
        c.containsKey("atol") ? number(c.get("atol")) : null,
        Boolean.TRUE.equals(c.get("zero_sign")),
        Boolean.TRUE.equals(c.get("frontier_refuses")),
        false);
  }

  /** The same case with every input of more than one element given as a non-contiguous view. */
  GoldenCase withStridedInputs() {
    return new GoldenCase(topic, name, op, call, inputs, args, outputs, error, rtol, atol, zeroSign, frontierRefuses, true);
  }

  /** True when there is an input that {@link #withStridedInputs} would change. */
  boolean hasStridableInput() {
    for (Object spec : inputs.values()) {
      List<?> specs = spec instanceof List<?> l ? l : List.of(spec);
      for (Object s : specs) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) s;
        if (values(m).size() > 1) return true;
      }
    }
    return false;
  }

  /**
   * The same values in a view whose every stride is doubled: the tensor is widened by a trailing
   * dim of 2, copied, and that dim's first entries are selected.
   */
  static Tensor strided(Tensor t) {
    if (t.numel() <= 1) return t; // every layout of one element is contiguous
    int[] wide = Arrays.copyOf(t.shape(), t.dim() + 1);
    wide[t.dim()] = 2;
    Tensor view = t.unsqueeze(-1).expand(wide).contiguous().select(-1, 0);
    if (view.isContiguous()) throw new AssertionError("strided view of " + Arrays.toString(t.shape()) + " is contiguous");
    return view;
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
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IOException("unexpected JSON token " + token);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }

  // ---------------------------------------------------------------- decoding

  /** A JSON number, or one of the strings "nan", "inf", "-inf". */
  static double number(Object v) {
    if (v instanceof Number n) return n.doubleValue();
    return switch ((String) v) {
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> throw new IllegalArgumentException("not a number: " + v);
    };
  }

  static DType dtype(String torchName) {
    for (DType d : DType.values()) if (d.toString().equals(torchName)) return d;
    throw new IllegalArgumentException("unknown dtype " + torchName);
  }

  static int[] shape(Map<String, Object> spec) {
    return ints(spec.get("shape"));
  }

  static List<?> values(Map<String, Object> spec) {
    return (List<?>) spec.get("values");
  }

  /** Builds a Frontier tensor from a fixture tensor {dtype, shape, values}. */
  static Tensor tensor(Map<String, Object> spec) {
    DType dtype = dtype((String) spec.get("dtype"));
    List<?> values = values(spec);
    int n = values.size();
    Object data =
        switch (dtype) {
          case FLOAT32 -> {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) a[i] = (float) number(values.get(i));
            yield a;
          }
          case FLOAT64 -> {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) a[i] = number(values.get(i));
            yield a;
          }
          case INT64 -> {
            long[] a = new long[n];
            for (int i = 0; i < n; i++) a[i] = (Long) values.get(i);
            yield a;
          }
          case BOOL -> {
            boolean[] a = new boolean[n];
            for (int i = 0; i < n; i++) a[i] = (Boolean) values.get(i);
            yield a;
          }
        };
    return Tensor.fromArray(data, shape(spec));
  }

  private static int[] ints(Object list) {
    List<?> l = (List<?>) list;
    int[] out = new int[l.size()];
    for (int i = 0; i < out.length; i++) out[i] = Math.toIntExact((Long) l.get(i));
    return out;
  }

  // ---------------------------------------------------------------- accessors for the op table

  @SuppressWarnings("unchecked")
  Tensor in(String name) {
    Object spec = inputs.get(name);
    if (spec == null) throw new IllegalArgumentException("case '" + this.name + "' has no input '" + name + "'");
    Tensor t = tensor((Map<String, Object>) spec);
    return stridedInputs ? strided(t) : t;
  }

  @SuppressWarnings("unchecked")
  List<Tensor> inList(String name) {
    List<Tensor> out = new ArrayList<>();
    for (Object spec : (List<?>) inputs.get(name)) {
      Tensor t = tensor((Map<String, Object>) spec);
      out.add(stridedInputs ? strided(t) : t);
    }
    return out;
  }

  boolean has(String arg) {
    return args.containsKey(arg) && args.get(arg) != null;
  }

  Object arg(String name) {
    if (!args.containsKey(name)) throw new IllegalArgumentException("case '" + this.name + "' has no argument '" + name + "'");
    return args.get(name);
  }

  int intArg(String name) {
    return Math.toIntExact((Long) arg(name));
  }

  long longArg(String name) {
    return (Long) arg(name);
  }

  double doubleArg(String name) {
    return number(arg(name));
  }

  boolean boolArg(String name) {
    return (Boolean) arg(name);
  }

  String stringArg(String name) {
    return (String) arg(name);
  }

  int[] intsArg(String name) {
    return ints(arg(name));
  }

  DType dtypeArg(String name) {
    return dtype(stringArg(name));
  }

  @Override
  public String toString() {
    return topic + ": " + name + (stridedInputs ? " (strided inputs)" : "") + " [" + call + "]";
  }
}
