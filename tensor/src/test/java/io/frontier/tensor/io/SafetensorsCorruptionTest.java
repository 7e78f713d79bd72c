package io.frontier.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Corrupted variants of a small valid file, each of which must be refused with a message that names
 * the problem. The files are assembled here byte by byte, not by Frontier's writer, so the writer
 * cannot hide a reader bug.
 */
class SafetensorsCorruptionTest {
  /** F32 (2) at [0, 8) and I64 (1) at [8, 16). */
  private static final String VALID_HEADER =
      "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[8,16]}}";
  private static final byte[] VALID = file(VALID_HEADER, new byte[16]);

  @TempDir Path dir;

  @Test
  void theUncorruptedFileReads() throws IOException {
    SafetensorsFile f = Safetensors.read(write(VALID));
    assertArrayEquals(new float[] {0, 0}, f.tensor("a").toFloatArray());
    assertArrayEquals(new long[] {0}, f.tensor("b").toLongArray());
  }

  static Stream<Arguments> corruptFiles() {
    int dataStart = VALID.length - 16;
    return Stream.of(
        corrupt("empty file", new byte[0], "0 bytes", "shorter than the 8-byte header length"),
        corrupt("truncated inside the length", Arrays.copyOf(VALID, 5), "shorter than the 8-byte"),
        corrupt("truncated inside the header", Arrays.copyOf(VALID, 20), "header length", "larger than the file"),
        corrupt("truncated inside the data", Arrays.copyOf(VALID, dataStart + 10), "truncated", "16 bytes", "has 10"),
        corrupt("one byte short", Arrays.copyOf(VALID, VALID.length - 1), "truncated"),
        corrupt("header length past the end of the file", withLength(VALID.length, VALID), "larger than the file"),
        corrupt("header length over 100 MB", withLength(100_000_001, VALID), "100000001", "100 mb"),
        corrupt("header length with the top bit set", withLength(Long.MIN_VALUE, VALID), "9223372036854775808", "100 mb"),
        corrupt("garbage JSON", file("{\"a\": nonsense}", 0), "not valid json"),
        corrupt("JSON cut off inside an entry", file("{\"a\":{\"dtype\":\"F32\",", 0), "tensor 'a'", "not valid json"),
        corrupt("invalid UTF-8", invalidUtf8(), "not valid utf-8"),
        corrupt("header not an object", file("[1, 2]", 0), "must be a json object", "found a list"),
        corrupt("content after the header object", file("{} {}", 0), "after its closing"),
        corrupt("duplicate tensor name", file(VALID_HEADER.replace("\"b\"", "\"a\""), 16), "duplicate", "'a'"),
        corrupt("duplicate field in an entry", entry("\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]"),
            "tensor 't'", "duplicate", "'dtype'"),
        corrupt("unknown field in an entry", entry("\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"offsets\":[0,8]"),
            "tensor 't'", "unknown field 'offsets'"),
        corrupt("missing data_offsets", entry("\"dtype\":\"F32\",\"shape\":[2]"), "tensor 't'", "missing field 'data_offsets'"),
        corrupt("entry not an object", file("{\"t\":5}", 0), "tensor 't'", "must be an object", "found a number"),
        corrupt("unknown dtype name", entry("\"dtype\":\"F33\",\"shape\":[2],\"data_offsets\":[0,8]"), "tensor 't'", "unknown dtype 'f33'"),
        corrupt("dtype in lower case", entry("\"dtype\":\"f32\",\"shape\":[2],\"data_offsets\":[0,8]"), "unknown dtype 'f32'"),
        corrupt("dtype not a string", entry("\"dtype\":4,\"shape\":[2],\"data_offsets\":[0,8]"), "tensor 't'", "dtype must be a string"),
        corrupt("negative dim", entry("\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]"), "tensor 't'", "shape[0] = -2 is negative"),
        corrupt("fractional dim", entry("\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]"), "shape[0] = 2.0 is not an integer"),
        corrupt("shape not a list", entry("\"dtype\":\"F32\",\"shape\":2,\"data_offsets\":[0,8]"), "shape must be a list"),
        corrupt("dim beyond 64 bits", entry("\"dtype\":\"F32\",\"shape\":[99999999999999999999],\"data_offsets\":[0,8]"), "too large"),
        corrupt("shape whose byte count overflows", entry("\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]"),
            "tensor 't'", "more bytes than 2^63-1"),
        corrupt("one data offset", entry("\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8]"), "data_offsets must be two integers"),
        corrupt("three data offsets", entry("\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,8]"), "data_offsets must be two integers"),
        corrupt("negative data offset", entry("\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]"), "data_offsets[0] = -8 is negative"),
        corrupt("begin after end", entry("\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]"), "begin 8 is after end 0"),
        corrupt("offsets that disagree with the shape", entry("\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]"),
            "tensor 't'", "hold 8 bytes", "need 12"),
        corrupt("overlapping ranges", file(VALID_HEADER.replace("[8,16]", "[4,12]"), 12), "overlap", "'a' [0, 8)", "'b' [4, 12)"),
        corrupt("hole between tensors", file(VALID_HEADER.replace("[8,16]", "[12,20]"), 20), "hole", "[8, 12)"),
        corrupt("buffer not starting at zero", entry("\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]"), "hole", "[0, 4)", "before"),
        corrupt("trailing bytes", Arrays.copyOf(VALID, VALID.length + 3), "3 trailing bytes"),
        corrupt("metadata value not a string", file("{\"__metadata__\":{\"k\":1}}", 0), "__metadata__", "'k'", "must be a string"),
        corrupt("metadata not an object", file("{\"__metadata__\":[\"k\"]}", 0), "__metadata__ must be an object"),
        corrupt("BOOL byte 2", file("{\"m\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[] {1, 2}),
            "tensor 'm'", "bool element 1 is byte 2"),
        corrupt("U64, which int64 cannot hold", file("{\"u\":{\"dtype\":\"U64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8),
            "tensor 'u'", "u64 cannot be loaded"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptFiles")
  void corruptFilesAreRefusedWithAMessageNamingTheProblem(String what, byte[] bytes, List<String> words) throws IOException {
    Path path = write(bytes);
    SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(path), what);
    String message = e.getMessage().toLowerCase(Locale.ROOT);
    assertTrue(message.startsWith(path.toString().toLowerCase(Locale.ROOT)), () -> "message should start with the file: " + e.getMessage());
    for (String word : words) {
      assertTrue(message.contains(word.toLowerCase(Locale.ROOT)), () -> what + ": '" + e.getMessage() + "' does not mention '" + word + "'");
    }
  }

  @Test
  void badBoolBytesAndUnloadableDtypesStillHaveReadableHeaders() throws IOException {
    Path bools = write(file("{\"m\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[] {1, 2}));
    assertEquals("BOOL", Safetensors.readHeader(bools).entries().get("m").dtype());
    Path u64 = write(file("{\"u\":{\"dtype\":\"U64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8));
    assertEquals("U64", Safetensors.readHeader(u64).entries().get("u").dtype());
  }

  @Test
  void anUnloadableTensorDoesNotStopItsNeighboursLoadingByName() throws IOException {
    Path path = write(file("{\"u\":{\"dtype\":\"U64\",\"shape\":[1],\"data_offsets\":[0,8]},"
        + "\"i\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[8,12]}}", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0}));
    assertArrayEquals(new long[] {5}, Safetensors.readTensor(path, "i").toLongArray());
  }

  @Test
  void nullMetadataReadsAsNoneAsTheReferenceAccepts() throws IOException {
    assertTrue(Safetensors.read(write(file("{\"__metadata__\":null}", 0))).metadata().isEmpty());
  }

  @Test
  void zeroSizeTensorsMaySitAtAnyBoundary() throws IOException {
    String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
        + "\"e\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[4,4]},"
        + "\"z\":{\"dtype\":\"I64\",\"shape\":[0,5],\"data_offsets\":[0,0]}}";
    SafetensorsFile f = Safetensors.read(write(file(header, 4)));
    assertEquals(0, f.tensor("e").numel());
    assertArrayEquals(new int[] {0, 5}, f.tensor("z").shape());
  }

  // ---------------------------------------------------------------- file assembly

  private Path write(byte[] bytes) throws IOException {
    Path path = dir.resolve("corrupt.safetensors");
    Files.write(path, bytes);
    return path;
  }

  private static Arguments corrupt(String what, byte[] bytes, String... words) {
    return Arguments.of(what, bytes, List.of(words));
  }

  /** A single tensor 't' with the given entry fields and 8 bytes of data. */
  private static byte[] entry(String fields) {
    return file("{\"t\":{" + fields + "}}", 8);
  }

  private static byte[] file(String header, int dataBytes) {
    return file(header, new byte[dataBytes]);
  }

  private static byte[] file(String header, byte[] data) {
    return file(header.getBytes(StandardCharsets.UTF_8), data);
  }

  private static byte[] file(byte[] header, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
    out.writeBytes(header);
    out.writeBytes(data);
    return out.toByteArray();
  }

  /** {@code bytes} with its header length field replaced. */
  private static byte[] withLength(long length, byte[] bytes) {
    byte[] out = bytes.clone();
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
    return out;
  }

  /** A header whose tensor name holds 0xFF, which never occurs in UTF-8. */
  private static byte[] invalidUtf8() {
    byte[] header = VALID_HEADER.getBytes(StandardCharsets.UTF_8);
    header[2] = (byte) 0xff;
    return file(header, new byte[16]);
  }
}
