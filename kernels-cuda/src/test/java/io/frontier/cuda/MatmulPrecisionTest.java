package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** frontier.cuda.matmulPrecision's names: the enum's and torch.set_float32_matmul_precision's. */
class MatmulPrecisionTest {

  @Test
  void namesParseAsTorchAndTheEnumSpellThem() {
    assertEquals(MatmulPrecision.HIGHEST, MatmulPrecision.parse("highest"));
    assertEquals(MatmulPrecision.TF32, MatmulPrecision.parse("high"));
    assertEquals(MatmulPrecision.TF32, MatmulPrecision.parse(" TF32 "));
    assertEquals(MatmulPrecision.BF16, MatmulPrecision.parse("medium"));
    assertEquals(MatmulPrecision.BF16, MatmulPrecision.parse("BF16"));
    assertEquals(MatmulPrecision.TF32X3, MatmulPrecision.parse("tf32x3"));
    for (MatmulPrecision p : MatmulPrecision.values()) assertEquals(p, MatmulPrecision.parse(p.name()));
  }

  @Test
  void anUnknownNameIsRefusedWithTheAcceptedOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatmulPrecision.parse("fp32"));
    assertTrue(e.getMessage().contains("'fp32'") && e.getMessage().contains("tf32x3"), e.getMessage());
  }

  @Test
  void theDefaultIsHighestWhereThePropertyIsUnset() {
    String before = System.clearProperty("frontier.cuda.matmulPrecision");
    try {
      assertEquals(MatmulPrecision.HIGHEST, MatmulPrecision.fromProperty());
      System.setProperty("frontier.cuda.matmulPrecision", "tf32x3");
      assertEquals(MatmulPrecision.TF32X3, MatmulPrecision.fromProperty());
    } finally {
      if (before == null) System.clearProperty("frontier.cuda.matmulPrecision");
      else System.setProperty("frontier.cuda.matmulPrecision", before);
    }
  }
}
