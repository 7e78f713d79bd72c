package io.frontier.optim;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixture {@code golden/optim_trajectories.json} (from {@code make_optim_fixtures.py}) and what
 * the tests build from it: the problems' losses, parameter groups, and optimizers by name.
 */
final class Golden {
  private Golden() {}

  /** One fixture case (see the script's docstring for the fields). */
  record Case(String name, String optimizer, String problem, Map<String, Double> hyper, List<Map<String, Object>> groups,
      List<Tensor> init, Map<String, Tensor> data, List<List<Tensor>> trajectory) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String[] OPTIMIZERS = {"SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Lion", "Adafactor"};

  private static List<Case> cases;

  @SuppressWarnings("unchecked")
  static synchronized List<Case> cases() {
    if (cases != null) return cases;
    List<Case> out = new ArrayList<>();
    for (Map<String, Object> c : GoldenJson.cases("optim_trajectories.json", "make_optim_fixtures.py")) {
      Map<String, Double> hyper = numbers((Map<String, Object>) c.get("hyper"));
      Map<String, Tensor> data = new LinkedHashMap<>();
      ((Map<String, Object>) c.get("data")).forEach((k, v) -> data.put(k, tensor(v)));
      List<List<Tensor>> trajectory = new ArrayList<>();
      for (Object step : (List<?>) c.get("trajectory")) trajectory.add(tensors(step));
      out.add(new Case((String) c.get("name"), (String) c.get("optimizer"), (String) c.get("problem"), hyper,
          (List<Map<String, Object>>) c.get("groups"), tensors(c.get("init")), data, trajectory));
    }
    cases = out;
    return out;
  }

  /** The first case of an optimizer on a problem. */
  static Case first(String optimizer, String problem) {
    for (Case c : cases()) if (c.optimizer.equals(optimizer) && c.problem.equals(problem) && c.groups == null) return c;
    throw new IllegalArgumentException("no " + optimizer + " case on " + problem);
  }

  /** Fresh leaves (requiring grad) with the case's initial values, in {@code dtype}. */
  static List<Tensor> leaves(Case c, DType dtype) {
    List<Tensor> out = new ArrayList<>();
    for (Tensor t : c.init) out.add(t.to(dtype).clone().requiresGrad_(true));
    return out;
  }

  /** The case's loss at {@code params} (negated under maximize, as the script does). */
  static Tensor loss(Case c, List<Tensor> params) {
    DType dt = params.get(0).dtype();
    Map<String, Tensor> k = new LinkedHashMap<>();
    c.data.forEach((name, t) -> k.put(name, t.to(dt)));
    Tensor loss = switch (c.problem) {
      case "quadratic" -> k.get("D").mul(params.get(0).sub(k.get("C")).pow(2.0)).sum().mul(0.5);
      case "rosenbrock" -> {
        Tensor x0 = params.get(0).select(0, 0);
        Tensor x1 = params.get(0).select(0, 1);
        yield x0.rsub(1.0).pow(2.0).add(x1.sub(x0.pow(2.0)).pow(2.0).mul(100.0));
      }
      case "mlp" -> k.get("X").matmul(params.get(0).t()).add(params.get(1)).tanh().matmul(params.get(2).t()).add(params.get(3))
          .sub(k.get("Y")).pow(2.0).mean();
      default -> throw new IllegalArgumentException("unknown problem " + c.problem);
    };
    return c.hyper.getOrDefault("maximize", 0.0) != 0 ? loss.mul(-1.0) : loss;
  }

  /** One full-batch step: clear the gradients, backward, step. */
  static void step(Case c, Optimizer opt, List<Tensor> params) {
    opt.zeroGrad();
    loss(c, params).backward();
    opt.step();
  }

  /** The case's parameter groups over {@code params}, each with every hyperparameter. */
  @SuppressWarnings("unchecked")
  static List<ParamGroup> groups(Case c, List<Tensor> params) {
    if (c.groups == null) return List.of(new ParamGroup(params, c.hyper));
    List<ParamGroup> out = new ArrayList<>();
    for (Map<String, Object> g : c.groups) {
      List<Tensor> ps = new ArrayList<>();
      for (Object i : (List<?>) g.get("params")) ps.add(params.get(((Long) i).intValue()));
      Map<String, Double> h = new LinkedHashMap<>(c.hyper);
      h.putAll(numbers((Map<String, Object>) g.get("hyper")));
      out.add(new ParamGroup(ps, h));
    }
    return out;
  }

  /** An optimizer by class name over groups (missing hyperparameters from the Java defaults). */
  static Optimizer optimizer(String name, List<ParamGroup> groups) {
    return switch (name) {
      case "SGD" -> new SGD(SGD.Options.defaults(), groups);
      case "Adam" -> new Adam(Adam.Options.defaults(), groups);
      case "AdamW" -> new AdamW(AdamW.Options.defaults(), groups);
      case "RMSprop" -> new RMSprop(RMSprop.Options.defaults(), groups);
      case "Adagrad" -> new Adagrad(Adagrad.Options.defaults(), groups);
      case "Lion" -> new Lion(Lion.Options.defaults(), groups);
      case "Adafactor" -> new Adafactor(Adafactor.Options.defaults(), groups);
      default -> throw new IllegalArgumentException("unknown optimizer " + name);
    };
  }

  private static Map<String, Double> numbers(Map<String, Object> m) {
    Map<String, Double> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, ((Number) v).doubleValue()));
    return out;
  }

  private static List<Tensor> tensors(Object list) {
    List<Tensor> out = new ArrayList<>();
    for (Object t : (List<?>) list) out.add(tensor(t));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Tensor tensor(Object o) {
    Map<String, Object> m = (Map<String, Object>) o;
    List<?> shape = (List<?>) m.get("shape");
    List<?> values = (List<?>) m.get("values");
    int[] s = new int[shape.size()];
    for (int i = 0; i < s.length; i++) s[i] = ((Number) shape.get(i)).intValue();
    double[] v = new double[values.size()];
    for (int i = 0; i < v.length; i++) v[i] = ((Number) values.get(i)).doubleValue();
    return Tensor.of(v).reshape(s);
  }
}
