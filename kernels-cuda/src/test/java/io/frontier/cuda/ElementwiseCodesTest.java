package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.frontier.tensor.backend.BinaryOp;
import io.frontier.tensor.backend.UnaryOp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The op codes CudaElementwise sends agree with elementwise.cu's EW_* constants. */
class ElementwiseCodesTest {

  private static Map<String, Integer> cudaCodes() throws IOException {
    String src = Files.readString(Path.of("src/main/cuda/elementwise.cu"));
    Map<String, Integer> codes = new HashMap<>();
    Matcher m = Pattern.compile("(?m)^#define EW_([A-Z0-9_]+) (\\d+)$").matcher(src);
    while (m.find()) codes.put(m.group(1), Integer.parseInt(m.group(2)));
    return codes;
  }

  @Test
  void unaryCodesMatchTheKernels() throws IOException {
    Map<String, Integer> codes = cudaCodes();
    for (UnaryOp op : UnaryOp.values()) {
      assertNotNull(codes.get(op.name()), "EW_" + op.name() + " missing from elementwise.cu");
      assertEquals(codes.get(op.name()), CudaElementwise.code(op), op.name());
    }
  }

  @Test
  void binaryCodesMatchTheKernels() throws IOException {
    Map<String, Integer> codes = cudaCodes();
    for (BinaryOp op : BinaryOp.values()) {
      assertNotNull(codes.get(op.name()), "EW_" + op.name() + " missing from elementwise.cu");
      assertEquals(codes.get(op.name()), CudaElementwise.code(op), op.name());
    }
  }

  @Test
  void kernelRangesFollowTheOpDomains() {
    // ew_unary_i64 serves codes 0-8, ew_unary_f32/f64 0-25, ew_predicate_* 26-29;
    // ew_binary_* 0-9, ew_compare_* 10-18.
    for (UnaryOp op : UnaryOp.values()) {
      int c = CudaElementwise.code(op);
      switch (op.domain()) {
        case ARITHMETIC -> assertEquals(true, c <= 8, op.name());
        case FLOATING -> assertEquals(true, c >= 9 && c <= 25, op.name());
        case PREDICATE -> assertEquals(true, c >= 26 && c <= 29, op.name());
      }
    }
    for (BinaryOp op : BinaryOp.values()) {
      int c = CudaElementwise.code(op);
      assertEquals(op.returnsBool(), c >= 10, op.name());
    }
  }
}
