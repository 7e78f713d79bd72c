package io.frontier.tensor.golden;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Frontier against PyTorch 1.13 on the semantics that are easy to get subtly wrong. Each fixture
 * case becomes one test named by its sentence; the fixtures come from
 * {@code tensor/src/test/python/make_golden_fixtures.py} and are committed, so this test never runs
 * Python.
 */
class GoldenTorchParityTest {

  @TestFactory
  Stream<DynamicTest> varianceAndStdMatchTorchForEveryCorrection() {
    return GoldenCheck.topic("variance");
  }

  @TestFactory
  Stream<DynamicTest> activationsMatchTorchAtExtremesAndSpecialValues() {
    return GoldenCheck.topic("activations");
  }

  @TestFactory
  Stream<DynamicTest> softmaxFamilyMatchesTorchWithInfinities() {
    return GoldenCheck.topic("softmax");
  }

  @TestFactory
  Stream<DynamicTest> sortIsStableAndPlacesNanLikeTorch() {
    return GoldenCheck.topic("sorting");
  }

  @TestFactory
  Stream<DynamicTest> argReductionsPickTheSameIndexAsTorch() {
    return GoldenCheck.topic("argreductions");
  }

  @TestFactory
  Stream<DynamicTest> matmulBroadcastsLikeTorch() {
    return GoldenCheck.topic("matmul");
  }

  @TestFactory
  Stream<DynamicTest> gatherScatterAndFriendsMatchTorch() {
    return GoldenCheck.topic("indexing");
  }

  @TestFactory
  Stream<DynamicTest> divisionRemainderAndPowerRoundLikeTorch() {
    return GoldenCheck.topic("division");
  }

  @TestFactory
  Stream<DynamicTest> binaryOpsPromoteDtypesLikeTorch() {
    return GoldenCheck.topic("promotion");
  }

  @TestFactory
  Stream<DynamicTest> reductionsAndScansMatchTorch() {
    return GoldenCheck.topic("reductions");
  }

  @TestFactory
  Stream<DynamicTest> shapeOpsMatchTorch() {
    return GoldenCheck.topic("shapes");
  }

  @TestFactory
  Stream<DynamicTest> factoriesMatchTorchLengthsAndValues() {
    return GoldenCheck.topic("creation");
  }
}
