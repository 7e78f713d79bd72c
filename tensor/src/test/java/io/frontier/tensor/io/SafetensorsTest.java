package io.frontier.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Storage;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.Backend;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips through {@link Safetensors#write} and {@link Safetensors#read}, the header layout, and atomic replacement. */
class SafetensorsTest {
  @TempDir Path dir;

  private Path path() {
    return dir.resolve("model.safetensors");
  }

  private SafetensorsFile roundTrip(Map<String, Tensor> tensors) throws IOException {
    Safetensors.write(path(), tensors);
    return Safetensors.read(path());
  }

  // ---------------------------------------------------------------- round trips

  @Test
  void float32RoundTripKeepsSignedZerosInfinitiesNaNAndSubnormals() throws IOException {
    float[] values = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MIN_VALUE,
        -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-40f, (float) Math.PI};
    Tensor back = roundTrip(Map.of("x", Tensor.fromArray(values, 3, 4))).tensor("x");
    assertEquals(DType.FLOAT32, back.dtype());
    assertArrayEquals(new int[] {3, 4}, back.shape());
    // JUnit compares floats by floatToIntBits: -0.0 differs from 0.0, any NaN equals NaN.
    assertArrayEquals(values, back.toFloatArray());
  }

  @Test
  void float64RoundTripKeepsSignedZerosInfinitiesNaNAndSubnormals() throws IOException {
    double[] values = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE,
        -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 0.1, Math.E};
    Tensor back = roundTrip(Map.of("x", Tensor.fromArray(values, 11))).tensor("x");
    assertEquals(DType.FLOAT64, back.dtype());
    assertArrayEquals(values, back.toDoubleArray());
  }

  @Test
  void int64RoundTripKeepsTheExtremes() throws IOException {
    long[] values = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1L << 53 | 1};
    Tensor back = roundTrip(Map.of("x", Tensor.fromArray(values, 5, 1))).tensor("x");
    assertEquals(DType.INT64, back.dtype());
    assertArrayEquals(new int[] {5, 1}, back.shape());
    assertArrayEquals(values, back.toLongArray());
  }

  @Test
  void boolRoundTripIsExact() throws IOException {
    boolean[] values = {true, false, true, true, false};
    Tensor back = roundTrip(Map.of("x", Tensor.fromArray(values, 5))).tensor("x");
    assertEquals(DType.BOOL, back.dtype());
    assertArrayEquals(values, back.toBooleanArray());
  }

  @Test
  void zeroDimAndSizeZeroTensorsRoundTrip() throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("scalar", Tensor.scalar(-3.5, DType.FLOAT64));
    tensors.put("empty", Tensor.zeros(DType.INT64, 4, 0, 2));
    tensors.put("empty_bool", Tensor.zeros(DType.BOOL, 0));
    SafetensorsFile back = roundTrip(tensors);
    assertArrayEquals(new int[0], back.tensor("scalar").shape());
    assertEquals(-3.5, back.tensor("scalar").item());
    assertArrayEquals(new int[] {4, 0, 2}, back.tensor("empty").shape());
    assertEquals(DType.INT64, back.tensor("empty").dtype());
    assertArrayEquals(new int[] {0}, back.tensor("empty_bool").shape());
    assertEquals(DType.BOOL, back.tensor("empty_bool").dtype());
  }

  @Test
  void nonContiguousViewsAreWrittenInRowMajorOrder() throws IOException {
    Tensor base = Tensor.arange(0, 24, 1).to(DType.FLOAT32).reshape(2, 3, 4);
    Map<String, Tensor> views = new LinkedHashMap<>();
    views.put("transposed", base.transpose(0, 2));
    views.put("strided", base.slice(2, 1, 4, 2));
    views.put("narrowed", base.narrow(0, 1, 1)); // contiguous, but starting mid-storage
    views.put("expanded", Tensor.of(1.0, 2.0).unsqueeze(0).expand(3, 2));
    views.put("bool_view", base.gt(10).transpose(0, 1));
    SafetensorsFile back = roundTrip(views);
    views.forEach((name, view) -> {
      Tensor read = back.tensor(name);
      assertArrayEquals(view.shape(), read.shape(), name);
      assertArrayEquals(view.toDoubleArray(), read.toDoubleArray(), name);
    });
  }

  @Test
  void tensorsLargerThanOneChunkRoundTripExactly() throws IOException {
    // 1,000,003 float32 and float64 elements: several 1 MiB chunks and a ragged last one.
    Tensor f32 = Tensor.randn(new Generator(7), 1_000_003);
    Tensor f64 = Tensor.randn(new Generator(8), DType.FLOAT64, 1_000_003);
    SafetensorsFile back = roundTrip(Map.of("f32", f32, "f64", f64));
    assertArrayEquals(f32.toFloatArray(), back.tensor("f32").toFloatArray());
    assertArrayEquals(f64.toDoubleArray(), back.tensor("f64").toDoubleArray());
  }

  @Test
  void tensorsOnAnotherDeviceAreCopiedToTheHostAndWritten() throws IOException {
    float[] values = {1.5f, -2f, 3.25f};
    Tensor onDevice = fakeDeviceTensor(values, false);
    assertFalse(onDevice.device().isCpu());
    assertArrayEquals(values, roundTrip(Map.of("x", onDevice)).tensor("x").toFloatArray());
  }

  @Test
  void metadataRoundTripsInOrderWithNonAsciiAndEmptyStrings() throws IOException {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("z", "last key first");
    metadata.put("format", "pt");
    metadata.put("", "");
    metadata.put("unicode", "λ → ∞, \"quoted\"\n");
    Safetensors.write(path(), Map.of("x", Tensor.of(1f)), metadata);
    Map<String, String> back = Safetensors.read(path()).metadata();
    assertEquals(metadata, back);
    assertEquals(List.copyOf(metadata.keySet()), List.copyOf(back.keySet()));
  }

  @Test
  void readTensorLoadsOneTensorAndNamesTheOthersWhenAsked() throws IOException {
    Safetensors.write(path(), Map.of("w", Tensor.of(1f, 2f), "b", Tensor.of(3L)));
    assertArrayEquals(new long[] {3}, Safetensors.readTensor(path(), "b").toLongArray());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Safetensors.readTensor(path(), "bias"));
    assertTrue(e.getMessage().contains("no tensor named 'bias'") && e.getMessage().contains("w"), e.getMessage());
  }

  // ---------------------------------------------------------------- header layout

  @Test
  void headerListsTensorsInInsertionOrder() throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (String name : List.of("zeta", "alpha", "mid", "beta")) tensors.put(name, Tensor.of(1f));
    Safetensors.write(path(), tensors);
    assertEquals(List.of("zeta", "alpha", "mid", "beta"), List.copyOf(Safetensors.readHeader(path()).entries().keySet()));
    assertEquals(List.of("zeta", "alpha", "mid", "beta"), List.copyOf(Safetensors.read(path()).tensors().keySet()));
  }

  @Test
  void headerIsPaddedToEightBytesAndEveryTensorIsAlignedToItsItemSize() throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("mask", Tensor.of(true, false, true)); // 3 bytes: would misalign anything after it
    tensors.put("f32", Tensor.of(1f, 2f, 3f));
    tensors.put("i64", Tensor.of(4L));
    tensors.put("f64", Tensor.of(5.0));
    Safetensors.write(path(), tensors);
    SafetensorsHeader header = Safetensors.readHeader(path());
    assertEquals(0, header.dataStart() % 8);
    Map<String, Integer> itemSize = Map.of("mask", 1, "f32", 4, "i64", 8, "f64", 8);
    header.entries().forEach((name, e) ->
        assertEquals(0, (header.dataStart() + e.begin()) % itemSize.get(name), name + " at " + e));
  }

  @Test
  void headerIsCompactJsonWithNoMetadataKeyWhenThereIsNoMetadata() throws IOException {
    Safetensors.write(path(), Map.of("x", Tensor.of(1f, 2f)));
    byte[] bytes = Files.readAllBytes(path());
    long length = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String header = new String(bytes, 8, (int) length, StandardCharsets.UTF_8);
    assertEquals("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", header.stripTrailing());
    assertEquals(8 + length + 8, bytes.length);
  }

  // ---------------------------------------------------------------- writer arguments

  @Test
  void aTensorNamedMetadataIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Safetensors.write(path(), Map.of("__metadata__", Tensor.of(1f))));
    assertTrue(e.getMessage().contains("'__metadata__'"), e.getMessage());
    assertFalse(Files.exists(path()));
  }

  @Test
  void aNullTensorIsRefusedByName() {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("w", null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Safetensors.write(path(), tensors));
    assertTrue(e.getMessage().contains("tensor 'w' is null"), e.getMessage());
  }

  // ---------------------------------------------------------------- atomic replacement

  @Test
  void writingReplacesAnExistingFile() throws IOException {
    Safetensors.write(path(), Map.of("old", Tensor.of(1f)));
    Safetensors.write(path(), Map.of("new", Tensor.of(2L)));
    assertEquals(Set.of("new"), Safetensors.read(path()).tensors().keySet());
    assertEquals(List.of(path()), listDir());
  }

  @Test
  void aWriteThatFailsMidwayLeavesTheOldFileIntactAndNoTempFile() throws IOException {
    Safetensors.write(path(), Map.of("old", Tensor.of(1f, 2f)));
    byte[] before = Files.readAllBytes(path());
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("fine", Tensor.randn(new Generator(1), DType.FLOAT64, 1000)); // written first
    tensors.put("lost", fakeDeviceTensor(new float[] {1f, 2f}, true));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Safetensors.write(path(), tensors));
    assertEquals("device lost", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(path()));
    assertEquals(List.of(path()), listDir());
  }

  @Test
  void aRenameThatFailsLeavesTheTargetAndNoTempFile() throws IOException {
    // A non-empty directory cannot be replaced by a file: the data is written, then the move fails.
    Path target = dir.resolve("occupied");
    Files.createDirectory(target);
    Files.writeString(target.resolve("keep.txt"), "kept");
    assertThrows(IOException.class, () -> Safetensors.write(target, Map.of("x", Tensor.of(1f))));
    assertEquals("kept", Files.readString(target.resolve("keep.txt")));
    assertEquals(List.of(target), listDir());
  }

  @Test
  void writtenFilesGetTheDirectorysDefaultPermissionsNotTempFilePermissions() throws IOException {
    Path plain = Files.createFile(dir.resolve("plain"));
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
    Safetensors.write(path(), Map.of("x", Tensor.of(1f)));
    assertEquals(expected, Files.getPosixFilePermissions(path()));
  }

  // ---------------------------------------------------------------- helpers

  private List<Path> listDir() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  /**
   * A float32 tensor on {@code cuda:0} served by a stand-in backend that only copies to the host
   * (or, with {@code failCopy}, throws as a lost device would). No GPU is needed.
   */
  private static Tensor fakeDeviceTensor(float[] values, boolean failCopy) {
    Backend backend = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("copyToHost")) throw new UnsupportedOperationException(method.getName());
          if (failCopy) throw new IllegalStateException("device lost");
          // copyToHost(Storage src, long srcOffset, Object hostArray, int hostOffset, int count)
          System.arraycopy(values, (int) (long) args[1], args[2], (int) args[3], (int) args[4]);
          return null;
        });
    Storage storage = new Storage(DType.FLOAT32, values.length) {
      @Override
      public Device device() {
        return Device.cuda(0);
      }

      @Override
      public Backend backend() {
        return backend;
      }
    };
    Tensor t = Tensor.fromStorage(storage, new int[] {values.length}, new int[] {1}, 0);
    assertSame(storage, t.storage());
    return t;
  }
}
