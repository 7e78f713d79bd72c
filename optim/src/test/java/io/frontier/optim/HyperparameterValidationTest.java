package io.frontier.optim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Bad hyperparameters are rejected at construction, with a message naming the parameter. */
public class HyperparameterValidationTest {
  private static final double NAN = Double.NaN;

  private static List<Tensor> params() {
    return List.of(Tensor.zeros(DType.FLOAT64, 2, 3).requiresGrad_(true));
  }

  private static void rejects(String name, Supplier<Optimizer> build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get, name);
    assertTrue(e.getMessage().contains(name), "message should name " + name + ": " + e.getMessage());
  }

  @Test
  void defaultsAreValid() {
    assertDoesNotThrow(() -> new SGD(params(), SGD.Options.defaults()));
    assertDoesNotThrow(() -> new Adam(params(), Adam.Options.defaults()));
    assertDoesNotThrow(() -> new AdamW(params(), AdamW.Options.defaults()));
    assertDoesNotThrow(() -> new RMSprop(params(), RMSprop.Options.defaults()));
    assertDoesNotThrow(() -> new Adagrad(params(), Adagrad.Options.defaults()));
    assertDoesNotThrow(() -> new Lion(params(), Lion.Options.defaults()));
    assertDoesNotThrow(() -> new Adafactor(params(), Adafactor.Options.defaults()));
  }

  @Test
  void sgd() {
    SGD.Options d = SGD.Options.defaults();
    rejects("lr", () -> new SGD(params(), d.lr(-0.1)));
    rejects("lr", () -> new SGD(params(), d.lr(NAN)));
    rejects("momentum", () -> new SGD(params(), d.momentum(-0.5)));
    rejects("momentum", () -> new SGD(params(), d.momentum(1.0)));
    rejects("dampening", () -> new SGD(params(), d.dampening(1.5)));
    rejects("weightDecay", () -> new SGD(params(), d.weightDecay(-1e-4)));
    rejects("nesterov", () -> new SGD(params(), d.nesterov(true)));
    rejects("nesterov", () -> new SGD(params(), d.momentum(0.9).dampening(0.1).nesterov(true)));
    assertDoesNotThrow(() -> new SGD(params(), d.momentum(0.9).nesterov(true)));
  }

  @Test
  void adamAndAdamW() {
    Adam.Options a = Adam.Options.defaults();
    rejects("lr", () -> new Adam(params(), a.lr(-1e-3)));
    rejects("beta1", () -> new Adam(params(), a.betas(1.0, 0.999)));
    rejects("beta1", () -> new Adam(params(), a.betas(-0.1, 0.999)));
    rejects("beta2", () -> new Adam(params(), a.betas(0.9, 1.0)));
    rejects("eps", () -> new Adam(params(), a.eps(0)));
    rejects("eps", () -> new Adam(params(), a.eps(-1e-8)));
    rejects("weightDecay", () -> new Adam(params(), a.weightDecay(-0.01)));
    AdamW.Options w = AdamW.Options.defaults();
    rejects("lr", () -> new AdamW(params(), w.lr(-1e-3)));
    rejects("beta1", () -> new AdamW(params(), w.betas(1.5, 0.999)));
    rejects("beta2", () -> new AdamW(params(), w.betas(0.9, NAN)));
    rejects("eps", () -> new AdamW(params(), w.eps(0)));
    rejects("weightDecay", () -> new AdamW(params(), w.weightDecay(-0.01)));
  }

  @Test
  void rmspropAndAdagrad() {
    RMSprop.Options r = RMSprop.Options.defaults();
    rejects("lr", () -> new RMSprop(params(), r.lr(-0.01)));
    rejects("alpha", () -> new RMSprop(params(), r.alpha(1.0)));
    rejects("alpha", () -> new RMSprop(params(), r.alpha(-0.1)));
    rejects("eps", () -> new RMSprop(params(), r.eps(0)));
    rejects("weightDecay", () -> new RMSprop(params(), r.weightDecay(-1)));
    rejects("momentum", () -> new RMSprop(params(), r.momentum(-0.9)));
    Adagrad.Options g = Adagrad.Options.defaults();
    rejects("lr", () -> new Adagrad(params(), g.lr(-0.01)));
    rejects("lrDecay", () -> new Adagrad(params(), g.lrDecay(-0.1)));
    rejects("weightDecay", () -> new Adagrad(params(), g.weightDecay(-0.1)));
    rejects("initialAccumulatorValue", () -> new Adagrad(params(), g.initialAccumulatorValue(-1)));
    rejects("eps", () -> new Adagrad(params(), g.eps(0)));
  }

  @Test
  void lionAndAdafactor() {
    Lion.Options l = Lion.Options.defaults();
    rejects("lr", () -> new Lion(params(), l.lr(-1e-4)));
    rejects("beta1", () -> new Lion(params(), l.betas(1.0, 0.99)));
    rejects("beta2", () -> new Lion(params(), l.betas(0.9, -0.99)));
    rejects("weightDecay", () -> new Lion(params(), l.weightDecay(-0.1)));
    Adafactor.Options f = Adafactor.Options.defaults();
    rejects("lr", () -> new Adafactor(params(), f.lr(-1e-3)));
    rejects("eps1", () -> new Adafactor(params(), f.eps1(0)));
    rejects("clipThreshold", () -> new Adafactor(params(), f.clipThreshold(0)));
    rejects("decayRate", () -> new Adafactor(params(), f.decayRate(0.5)));
    rejects("decayRate", () -> new Adafactor(params(), f.decayRate(0)));
    rejects("beta1", () -> new Adafactor(params(), f.beta1(1.0)));
    rejects("weightDecay", () -> new Adafactor(params(), f.weightDecay(-0.01)));
  }

  @Test
  void groupsAreCheckedToo() {
    rejects("lr", () -> new Adam(Adam.Options.defaults(), List.of(new ParamGroup(params(), Map.of("lr", -1.0)))));
    rejects("amsgrad", () -> new Adam(Adam.Options.defaults(), List.of(new ParamGroup(params(), Map.of("amsgrad", 0.5)))));
    // a key the optimizer does not know is most likely a typo
    rejects("weight_decay", () -> new SGD(SGD.Options.defaults(), List.of(new ParamGroup(params(), Map.of("weight_decay", 0.1)))));
    // the second group is bad: the message still names the parameter
    List<ParamGroup> two = List.of(new ParamGroup(params(), Map.of()), new ParamGroup(params(), Map.of("beta2", 2.0)));
    rejects("beta2", () -> new Lion(Lion.Options.defaults(), two));
  }
}
