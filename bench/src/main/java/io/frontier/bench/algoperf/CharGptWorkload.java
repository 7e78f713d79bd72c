package io.frontier.bench.algoperf;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.nn.Module;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Next-character prediction on a few hundred characters of public-domain English (alice.txt) with
 * a small GPT (context 32, width 32, 4 heads, 2 layers, tied embeddings, no dropout), minibatches
 * of 16 windows. The text is cut into blocks of 33 characters; 4 of them (picked with seed 7) are
 * the validation set, the rest joined are the training text. The metric is the mean cross-entropy
 * in nats on the validation blocks: with so little text, it falls well below the unigram entropy
 * and then rises again as the model memorises the training text, so the target is a point that
 * good settings pass on the way down.
 */
final class CharGptWorkload implements Workload {
  static final int CONTEXT = 32;
  static final int BATCH = 16;
  static final int VALIDATION_BLOCKS = 4;
  private static final long SPLIT_SEED = 7;

  private final double target;
  private final int maxSteps;
  private final double maxSeconds;
  private GPTConfig config;
  private Tensor trainX, trainY, valX, valY;

  CharGptWorkload(double target, int maxSteps, double maxSeconds) {
    this.target = target;
    this.maxSteps = maxSteps;
    this.maxSeconds = maxSeconds;
  }

  @Override public String name() { return "alice-gpt"; }
  @Override public String metric() { return "loss (nats)"; }
  @Override public boolean higherIsBetter() { return false; }
  @Override public double target() { return target; }
  @Override public int maxSteps() { return maxSteps; }
  @Override public double maxSeconds() { return maxSeconds; }
  @Override public int evalEvery() { return 10; }

  private synchronized void load() {
    if (config != null) return;
    String text = Resources.text("alice.txt");
    List<Character> vocab = new ArrayList<>(new TreeSet<>(text.chars().mapToObj(c -> (char) c).toList()));
    int block = CONTEXT + 1;
    List<Integer> blocks = new ArrayList<>();
    for (int b = 0; b < text.length() / block; b++) blocks.add(b);
    Collections.shuffle(blocks, new Random(SPLIT_SEED));
    List<Integer> val = blocks.subList(0, VALIDATION_BLOCKS).stream().sorted().toList();
    StringBuilder train = new StringBuilder();
    long[] valIds = new long[VALIDATION_BLOCKS * block];
    int v = 0;
    for (int b = 0; b * block < text.length(); b++) {
      String chunk = text.substring(b * block, Math.min(text.length(), (b + 1) * block));
      if (!val.contains(b)) {
        train.append(chunk);
        continue;
      }
      for (char c : chunk.toCharArray()) valIds[v++] = vocab.indexOf(c);
    }
    long[] trainIds = train.chars().mapToLong(c -> vocab.indexOf((char) c)).toArray();
    Tensor[] t = windows(trainIds, trainIds.length - CONTEXT);
    trainX = t[0];
    trainY = t[1];
    Tensor all = Tensor.of(valIds).reshape(VALIDATION_BLOCKS, block);
    valX = all.narrow(1, 0, CONTEXT);
    valY = all.narrow(1, 1, CONTEXT);
    config = new GPTConfig(vocab.size(), CONTEXT, 32, 4, 2, 0.0, true, false);
  }

  /** Inputs and next-character targets of every window of CONTEXT + 1 ids starting before {@code count}. */
  private static Tensor[] windows(long[] ids, int count) {
    Tensor starts = Tensor.arange(count).unsqueeze(1).add(Tensor.arange(CONTEXT + 1).unsqueeze(0));
    Tensor all = Tensor.of(ids).indexSelect(0, starts.reshape(-1)).reshape(count, CONTEXT + 1);
    return new Tensor[] {all.narrow(1, 0, CONTEXT), all.narrow(1, 1, CONTEXT)};
  }

  @Override
  public Instance build(long seed) {
    load();
    Generator g = new Generator(seed);
    GPT model = new GPT(config, g);
    int windows = trainX.size(0);
    return new Instance() {
      @Override public List<Tensor> parameters() { return model.parameters(); }

      @Override
      public Tensor trainLoss() {
        Tensor idx = Tensor.randint(g, 0, windows, BATCH);
        return GPT.loss(model.forward(trainX.indexSelect(0, idx)), trainY.indexSelect(0, idx));
      }

      @Override
      public double evaluate() {
        return Module.noGrad(() -> GPT.loss(model.forward(valX), valY).item());
      }
    };
  }
}
