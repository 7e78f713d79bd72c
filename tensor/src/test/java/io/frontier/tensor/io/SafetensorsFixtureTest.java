package io.frontier.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads a file written by an independent writer, {@code src/test/python/write_safetensors_fixture.py}
 * (Python standard library only), and checks every value against the literals that script packs.
 * Keep the literals here and there in step.
 */
class SafetensorsFixtureTest {
  private static Path fixture;
  private static SafetensorsFile file;

  @BeforeAll
  static void readFixture() throws Exception {
    fixture = Path.of(SafetensorsFixtureTest.class.getResource("/safetensors/stdlib_fixture.safetensors").toURI());
    file = Safetensors.read(fixture);
  }

  @Test
  void tensorsComeBackInTheHeadersOrderNotSortedAndNotInDataOrder() {
    assertEquals(List.of("zeta_f32", "alpha_f64", "mid_i64", "mask_bool", "half_f16", "brain_bf16", "count_i32",
        "uint_u32", "short_i16", "ushort_u16", "tiny_i8", "byte_u8", "scalar_f32", "empty_f32"),
        List.copyOf(file.tensors().keySet()));
  }

  @Test
  void metadataFromTheMiddleOfTheHeaderIsReadWithNonAsciiIntact() {
    assertEquals(Map.of("format", "pt", "note", "π ≈ 3.14159", "writer", "write_safetensors_fixture.py"), file.metadata());
  }

  @Test
  void float32AndFloat64ValuesAreBitExact() {
    Tensor f32 = file.tensor("zeta_f32");
    assertEquals(DType.FLOAT32, f32.dtype());
    assertArrayEquals(new int[] {2, 3}, f32.shape());
    assertArrayEquals(new float[] {1.5f, -2.25f, -0.0f, Float.POSITIVE_INFINITY, 0x1p-149f, 0x1.fffffep127f}, f32.toFloatArray());

    Tensor f64 = file.tensor("alpha_f64");
    assertEquals(DType.FLOAT64, f64.dtype());
    assertArrayEquals(new double[] {0.1, -1e308, 0x1p-1074}, f64.toDoubleArray());
  }

  @Test
  void int64AndBoolValuesAreExact() {
    Tensor i64 = file.tensor("mid_i64");
    assertEquals(DType.INT64, i64.dtype());
    assertArrayEquals(new int[] {2, 2}, i64.shape());
    assertArrayEquals(new long[] {-9223372036854775808L, 9223372036854775807L, 0, -1}, i64.toLongArray());

    Tensor bool = file.tensor("mask_bool");
    assertEquals(DType.BOOL, bool.dtype());
    assertArrayEquals(new boolean[] {true, false, false, true}, bool.toBooleanArray());
  }

  @Test
  void halfAndBfloat16WidenToFloat32Exactly() {
    Tensor f16 = file.tensor("half_f16");
    assertEquals(DType.FLOAT32, f16.dtype());
    float[] half = f16.toFloatArray();
    assertArrayEquals(new float[] {1.0f, -2.5f, 65504.0f, 0x1p-24f, Float.NEGATIVE_INFINITY}, java.util.Arrays.copyOf(half, 5));
    assertTrue(Float.isNaN(half[5]), "F16 NaN should load as NaN, got " + half[5]);

    Tensor bf16 = file.tensor("brain_bf16");
    assertEquals(DType.FLOAT32, bf16.dtype());
    assertArrayEquals(new float[] {1.0f, -0.5f, 3.140625f, 0x1p100f}, bf16.toFloatArray());
  }

  @Test
  void narrowerIntegersWidenToInt64Exactly() {
    Map<String, long[]> expected = Map.of(
        "count_i32", new long[] {-2147483648L, 2147483647L},
        "uint_u32", new long[] {4294967295L, 7},
        "short_i16", new long[] {-32768, 32767},
        "ushort_u16", new long[] {0, 65535},
        "tiny_i8", new long[] {-128, 127},
        "byte_u8", new long[] {0, 128, 255});
    expected.forEach((name, values) -> {
      Tensor t = file.tensor(name);
      assertEquals(DType.INT64, t.dtype(), name);
      assertArrayEquals(values, t.toLongArray(), name);
    });
  }

  @Test
  void zeroDimAndEmptyTensorsKeepTheirShapes() {
    Tensor scalar = file.tensor("scalar_f32");
    assertArrayEquals(new int[0], scalar.shape());
    assertEquals(42.5, scalar.item());

    Tensor empty = file.tensor("empty_f32");
    assertArrayEquals(new int[] {0, 3}, empty.shape());
    assertEquals(0, empty.numel());
  }

  @Test
  void loadedTensorsLiveOnTheCpu() {
    file.tensors().forEach((name, t) -> assertEquals(Device.CPU, t.device(), name));
  }

  @Test
  void headerDescribesStoredDtypesWithoutWidening() throws Exception {
    SafetensorsHeader header = Safetensors.readHeader(fixture);
    SafetensorsEntry bf16 = header.entries().get("brain_bf16");
    assertEquals("BF16", bf16.dtype());
    assertArrayEquals(new long[] {4}, bf16.shape());
    assertEquals(8, bf16.byteLength());
    long buffer = header.entries().values().stream().mapToLong(SafetensorsEntry::byteLength).sum();
    assertEquals(Files.size(fixture), header.dataStart() + buffer);
  }

  @Test
  void oneTensorLoadsByName() throws Exception {
    assertArrayEquals(new long[] {0, 128, 255}, Safetensors.readTensor(fixture, "byte_u8").toLongArray());
  }
}
