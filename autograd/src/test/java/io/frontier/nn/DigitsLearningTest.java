package io.frontier.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.UnaryOp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * An MLP trained with plain minibatch SGD with momentum on the UCI 8x8 digits (1,797 samples; see
 * src/test/resources/data/README.md) reaches at least 95% accuracy on 297 held-out samples.
 */
class DigitsLearningTest {

  @Test
  void anMlpLearnsTheDigits() throws Exception {
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(getClass().getResourceAsStream("/data/digits.csv.gz")), StandardCharsets.US_ASCII))) {
      for (String line; (line = r.readLine()) != null; ) {
        rows.add(java.util.Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
      }
    }
    int n = rows.size();
    double[][] data = rows.toArray(new double[0][]);
    Tensor all = Tensor.of(data).to(DType.FLOAT32);
    Tensor perm = Tensor.randperm(new Generator(11), n);
    all = all.indexSelect(0, perm);
    Tensor x = all.narrow(1, 0, 64).div(16.0);
    Tensor y = all.select(1, 64).to(DType.INT64);
    int train = 1500;
    Tensor xTrain = x.narrow(0, 0, train);
    Tensor yTrain = y.narrow(0, 0, train);
    Tensor xTest = x.narrow(0, train, n - train);
    Tensor yTest = y.narrow(0, train, n - train);

    Generator g = new Generator(12);
    MLP model = new MLP(UnaryOp.RELU, g, 64, 64, 10);
    List<Tensor> params = model.parameters();
    List<Tensor> velocity = new ArrayList<>();
    for (Tensor p : params) velocity.add(Tensor.zerosLike(p));
    double lr = 0.1;
    double momentum = 0.9;
    int batch = 50;
    for (int epoch = 0; epoch < 30; epoch++) {
      Tensor order = Tensor.randperm(g, train);
      for (int b = 0; b < train; b += batch) {
        Tensor idx = order.narrow(0, b, batch);
        Tensor logits = model.forward(xTrain.indexSelect(0, idx));
        Tensor loss = logits.logSoftmax(1).gather(1, yTrain.indexSelect(0, idx).unsqueeze(1)).mean().neg();
        model.zeroGrad();
        loss.backward();
        try (Grad.Scope s = Grad.noGrad()) {
          for (int i = 0; i < params.size(); i++) {
            velocity.get(i).mul_(momentum).add_(params.get(i).grad());
            params.get(i).sub_(velocity.get(i).mul(lr));
          }
        }
      }
    }
    model.eval();
    double accuracy = Module.noGrad(() -> model.forward(xTest).argmax(1, false).eq(yTest).to(DType.FLOAT64).mean().item());
    System.out.println("DigitsLearningTest: held-out accuracy " + accuracy);
    assertTrue(accuracy >= 0.95, "held-out accuracy " + accuracy);
  }
}
