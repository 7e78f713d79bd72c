package io.frontier.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.optim.Adam;
import io.frontier.rl.online.Ppo;
import io.frontier.rl.online.ReMax;
import io.frontier.rl.online.RewardFunction;
import io.frontier.rl.policy.FixedKlController;
import io.frontier.rl.policy.Gae;
import io.frontier.rl.policy.PpoLoss;
import io.frontier.rl.preference.DpoConfig;
import io.frontier.rl.preference.DpoLoss;
import io.frontier.rl.preference.PreferenceBatch;
import io.frontier.rl.preference.PreferenceLossType;
import io.frontier.rl.preference.SequenceLogProbs;
import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rl module on the CUDA backend against the CPU backend: the preference losses, the
 * sequence log-probabilities, GAE and PPO's losses (values and gradients, float32, the device
 * tolerances of the CUDA parity tests), and ReMax and PPO steps on a GPT that live on the device.
 * Tagged {@code gpu}: it runs where the CUDA backend is on the class path and usable (the GPU
 * machine's {@code bash .gpu/run test}), and is skipped elsewhere.
 */
@Tag("gpu")
class RlOnCudaTest {
  private static final Device CUDA = Device.cuda(0);
  private static final double RTOL = 1e-4;
  private static final double ATOL = 1e-5;

  @BeforeAll
  static void requireCuda() {
    assumeTrue(Backends.isAvailable(Device.Type.CUDA), "no usable CUDA backend");
  }

  /** f on CPU leaves and on their CUDA copies: the scalar results and the leaves' gradients agree. */
  private static void sameOnBoth(String what, Function<Tensor[], Tensor> f, Tensor... cpuInputs) {
    Tensor[] cpu = new Tensor[cpuInputs.length];
    Tensor[] gpu = new Tensor[cpuInputs.length];
    for (int i = 0; i < cpuInputs.length; i++) {
      cpu[i] = cpuInputs[i].detach().clone().requiresGrad_(true);
      gpu[i] = cpuInputs[i].to(CUDA).detach().requiresGrad_(true);
    }
    Tensor a = f.apply(cpu);
    Tensor b = f.apply(gpu);
    assertEquals(CUDA, b.device(), what + " left the device");
    assertClose(what + " value", a.toDoubleArray(), b.to(Device.CPU).toDoubleArray());
    a.backward();
    b.backward();
    for (int i = 0; i < cpu.length; i++) {
      // inputs the expression detaches (the reference, token counts) get no gradient on either device
      assertEquals(cpu[i].grad() == null, gpu[i].grad() == null, what + " gradient " + i + " present on one device only");
      if (cpu[i].grad() != null) {
        assertClose(what + " gradient " + i, cpu[i].grad().toDoubleArray(), gpu[i].grad().to(Device.CPU).toDoubleArray());
      }
    }
  }

  private static void assertClose(String what, double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, what);
    for (int k = 0; k < expected.length; k++) {
      double tol = ATOL + RTOL * Math.abs(expected[k]);
      assertTrue(Math.abs(expected[k] - actual[k]) <= tol, what + "[" + k + "]: cpu " + expected[k] + ", cuda " + actual[k]);
    }
  }

  @Test
  void everyPreferenceLossAgreesWithTheCpu() {
    Generator g = new Generator(1);
    int b = 37;
    Tensor tokens = Tensor.randint(g, 1, 9, b).to(DType.FLOAT32);
    Tensor rc = Tensor.randn(g, b).abs().mul(tokens).neg();
    Tensor rr = Tensor.randn(g, b).abs().mul(tokens).neg();
    Tensor pc = rc.add(Tensor.randn(g, b));
    Tensor pr = rr.add(Tensor.randn(g, b));
    for (PreferenceLossType type : PreferenceLossType.values()) {
      DpoConfig config = DpoConfig.defaults().withLoss(type).withLabelSmoothing(type == PreferenceLossType.EXO_PAIR ? 1e-3 : 0.1);
      sameOnBoth(type.trlName(), x -> new DpoLoss(config).compute(
          new PreferenceBatch(x[0], x[1], x[2].detach(), x[3].detach(), x[4].detach(), x[4].detach())).loss(), pc, pr, rc, rr, tokens);
    }
  }

  @Test
  void sequenceLogProbsGaeAndPpoLossesAgreeWithTheCpu() {
    Generator g = new Generator(2);
    Tensor labels = Tensor.randint(g, 0, 11, 3, 7);
    Tensor mask = Tensor.rand(g, 3, 7).gt(0.3);
    sameOnBoth("SequenceLogProbs", x -> SequenceLogProbs.ofCausal(x[0], labels.to(x[0].device()), mask.to(x[0].device())).logProbs().sum(),
        Tensor.randn(g, 3, 7, 11));
    Tensor fmask = Tensor.fromArray(new float[] {1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0}, 3, 6);
    Tensor rewards = Tensor.randn(g, 3, 6);
    Tensor values = Tensor.randn(g, 3, 6);
    Gae cpu = Gae.estimate(rewards, values, fmask, 1.0, 0.95);
    Gae gpu = Gae.estimate(rewards.to(CUDA), values.to(CUDA), fmask.to(CUDA), 1.0, 0.95);
    assertClose("GAE advantages", cpu.advantages().toDoubleArray(), gpu.advantages().to(Device.CPU).toDoubleArray());
    assertClose("GAE returns", cpu.returns().toDoubleArray(), gpu.returns().to(Device.CPU).toDoubleArray());
    Tensor old = Tensor.randn(g, 3, 6).mul(0.1);
    Tensor adv = Tensor.randn(g, 3, 6);
    sameOnBoth("PpoLoss.policy", x -> PpoLoss.policy(x[0], old.to(x[0].device()), adv.to(x[0].device()), fmask.to(x[0].device()), 0.2).loss(),
        old.add(Tensor.randn(g, 3, 6).mul(0.3)));
  }

  @Test
  void remaxAndPpoStepsRunOnTheDevice() {
    RewardFunction countTwos = (prompts, responses, mask) -> responses.eq(2).to(mask.dtype()).mul(mask).sum(1);
    GPTConfig config = new GPTConfig(6, 5, 16, 2, 1, 0.0, true, true);
    GPT policy = new GPT(config, new Generator(17));
    policy.to(CUDA);
    GPT reference = new GPT(config, new Generator(17));
    reference.to(CUDA);
    Tensor prompts = Tensor.full(new int[] {16, 1}, 5, DType.INT64).to(CUDA);
    Generator g = new Generator(3);
    ReMax remax = new ReMax(policy, null, new Adam(policy.parameters(), Adam.Options.defaults().lr(1e-2)), countTwos, ReMax.Config.defaults(4));
    for (int s = 0; s < 3; s++) assertTrue(Double.isFinite(remax.step(prompts, g).loss()), "ReMax step " + s);
    Ppo ppo = new Ppo(policy, reference, new Adam(policy.parameters(), Adam.Options.defaults().lr(1e-2)), countTwos,
        new FixedKlController(0.05), Ppo.Config.defaults(4).withTemperature(1.0));
    for (int s = 0; s < 3; s++) {
      Ppo.Stats st = ppo.step(prompts, g);
      assertTrue(Double.isFinite(st.policyLoss()) && Double.isFinite(st.valueLoss()) && st.kl() >= -1e-3, "PPO step " + s + ": " + st);
    }
    assertEquals(CUDA, policy.parameters().get(0).device());
  }
}
