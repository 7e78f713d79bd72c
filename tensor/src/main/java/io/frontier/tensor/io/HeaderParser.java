package io.frontier.tensor.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and validates a safetensors header: the 8-byte length, the JSON, and the layout of the data
 * buffer against the file's size. Every check runs before any tensor is made, so a reader never
 * sees a half-valid file. The checks are those of the reference implementation
 * ({@code SafeTensors::read_metadata} and {@code Metadata::validate}) plus a few it leaves to serde
 * defaults: unknown entry fields and duplicate keys are errors here.
 */
final class HeaderParser {
  /** The reference reader's limit; larger headers are refused as a denial-of-service guard. */
  static final int MAX_HEADER_BYTES = 100_000_000;

  private static final JsonFactory JSON = JsonFactory.builder()
      // JSON allows repeated keys and most parsers keep the last; a file that names a tensor twice
      // is ambiguous, so it is an error.
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      // Jackson's default string and name caps (20 M chars, 50 k chars) are below what a legal
      // 100 MB header may hold; the header-size check is the limit that matters.
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(MAX_HEADER_BYTES)
          .maxNameLength(MAX_HEADER_BYTES)
          .build())
      .build();

  private final Path file;

  private HeaderParser(Path file) {
    this.file = file;
  }

  /** The validated header of the open file {@code channel}, whose name {@code file} errors cite. */
  static SafetensorsHeader read(Path file, FileChannel channel) throws IOException {
    return new HeaderParser(file).read(channel);
  }

  private SafetensorsHeader read(FileChannel channel) throws IOException {
    long fileSize = channel.size();
    if (fileSize < 8) {
      throw error("file is " + fileSize + " bytes, shorter than the 8-byte header length that starts every safetensors file");
    }
    ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, lengthBytes, 0);
    long headerLength = lengthBytes.flip().getLong();
    // Unsigned on disk: a negative long is a length of 2^63 or more.
    if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
      throw error("header length " + Long.toUnsignedString(headerLength) + " is over the 100 MB (" + MAX_HEADER_BYTES + " bytes) limit");
    }
    if (8 + headerLength > fileSize) {
      throw error("header length " + headerLength + " is larger than the file (" + fileSize + " bytes, "
          + (fileSize - 8) + " after the length)");
    }
    ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
    readFully(channel, headerBytes, 8);
    long dataStart = 8 + headerLength;
    return parse(decodeUtf8(headerBytes.flip()), dataStart, fileSize - dataStart);
  }

  private String decodeUtf8(ByteBuffer bytes) throws SafetensorsFormatException {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = utf8.decode(bytes);
      return chars.toString();
    } catch (CharacterCodingException e) {
      // The decoder stops with the buffer positioned at the offending byte.
      throw error("header is not valid UTF-8 (byte " + bytes.position() + " of the header)", e);
    }
  }

  private SafetensorsHeader parse(String json, long dataStart, long dataLength) throws SafetensorsFormatException {
    Map<String, SafetensorsEntry> entries = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(json)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw error("header must be a JSON object mapping tensor names to entries, found " + describe(first));
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("__metadata__")) {
          metadata = parseMetadata(p);
        } else {
          entries.put(name, parseEntry(p, name));
        }
      }
      JsonToken after = p.nextToken();
      if (after != null) throw error("header has " + describe(after) + " after its closing '}'");
    } catch (SafetensorsFormatException e) {
      throw e;
    } catch (JsonProcessingException e) {
      throw error(tensorContext(e) + "header is not valid JSON: " + e.getOriginalMessage()
          + " (at character " + e.getLocation().getCharOffset() + ")", e);
    } catch (IOException e) {
      throw new AssertionError("reading JSON from a String cannot fail with I/O", e);
    }
    LayoutCheck.check(file, entries.values(), dataLength);
    return new SafetensorsHeader(entries, metadata, dataStart);
  }

  /**
   * {@code "tensor 'w': "} when Jackson failed inside an entry (a duplicate field, input cut off),
   * so the message names the tensor as the others do; empty at the top level.
   */
  private static String tensorContext(JsonProcessingException e) {
    if (!(e.getProcessor() instanceof JsonParser p)) return "";
    JsonStreamContext failed = p.getParsingContext();
    if (failed == null || failed.inRoot()) return "";
    JsonStreamContext topLevel = failed;
    while (!topLevel.getParent().inRoot()) topLevel = topLevel.getParent();
    // The top-level object's current key is the entry being read; at the top level itself it is
    // the key that failed, which the message already quotes.
    return topLevel == failed || topLevel.getCurrentName() == null ? "" : "tensor '" + topLevel.getCurrentName() + "': ";
  }

  private Map<String, String> parseMetadata(JsonParser p) throws IOException {
    Map<String, String> metadata = new LinkedHashMap<>();
    // The reference reads "__metadata__" as Option<HashMap<String, String>>, so null means none.
    if (p.currentToken() == JsonToken.VALUE_NULL) return metadata;
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw error("__metadata__ must be an object of string values, found " + describe(p.currentToken()));
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      if (value != JsonToken.VALUE_STRING) {
        throw error("__metadata__ value for key '" + key + "' must be a string, found " + describe(value));
      }
      metadata.put(key, p.getText());
    }
    return metadata;
  }

  private SafetensorsEntry parseEntry(JsonParser p, String name) throws IOException {
    String where = "tensor '" + name + "': ";
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw error(where + "entry must be an object with dtype, shape and data_offsets, found " + describe(p.currentToken()));
    }
    String dtype = null;
    long[] shape = null;
    long[] offsets = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "dtype" -> {
          if (value != JsonToken.VALUE_STRING) throw error(where + "dtype must be a string, found " + describe(value));
          dtype = p.getText();
        }
        case "shape" -> shape = parseCounts(p, where + "shape");
        case "data_offsets" -> offsets = parseCounts(p, where + "data_offsets");
        default -> throw error(where + "unknown field '" + field + "' (an entry has only dtype, shape and data_offsets)");
      }
    }
    if (dtype == null) throw error(where + "missing field 'dtype'");
    if (shape == null) throw error(where + "missing field 'shape'");
    if (offsets == null) throw error(where + "missing field 'data_offsets'");

    StoredDType type = StoredDType.byName(dtype);
    if (type == null) throw error(where + "unknown dtype '" + dtype + "'");
    if (offsets.length != 2) {
      throw error(where + "data_offsets must be two integers [begin, end], found " + offsets.length);
    }
    long begin = offsets[0];
    long end = offsets[1];
    if (begin > end) throw error(where + "data_offsets begin " + begin + " is after end " + end);
    long needed = byteLength(where, type, shape);
    if (end - begin != needed) {
      throw error(where + "data_offsets [" + begin + ", " + end + ") hold " + (end - begin) + " bytes but dtype "
          + dtype + " and shape " + str(shape) + " need " + needed);
    }
    return new SafetensorsEntry(name, dtype, shape, begin, end);
  }

  /** A JSON array of non-negative integers, as shape and data_offsets both are. */
  private long[] parseCounts(JsonParser p, String what) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw error(what + " must be a list of non-negative integers, found " + describe(p.currentToken()));
    }
    long[] values = new long[4];
    int n = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t == JsonToken.VALUE_NUMBER_FLOAT) throw error(what + "[" + n + "] = " + p.getText() + " is not an integer");
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw error(what + " must be a list of non-negative integers, found " + describe(t) + " at index " + n);
      }
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw error(what + "[" + n + "] = " + p.getText() + " is too large (over 2^63-1)");
      }
      long v = p.getLongValue();
      if (v < 0) throw error(what + "[" + n + "] = " + v + " is negative");
      if (n == values.length) values = Arrays.copyOf(values, 2 * n);
      values[n++] = v;
    }
    return Arrays.copyOf(values, n);
  }

  private long byteLength(String where, StoredDType type, long[] shape) throws SafetensorsFormatException {
    try {
      long numel = 1;
      for (long d : shape) numel = Math.multiplyExact(numel, d);
      return Math.multiplyExact(numel, type.itemSize);
    } catch (ArithmeticException e) {
      throw error(where + "shape " + str(shape) + " of " + type + " has more bytes than 2^63-1");
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
    while (into.hasRemaining()) {
      int n = channel.read(into, position);
      if (n < 0) throw new EOFException("file ended at byte " + position + " while reading the header");
      position += n;
    }
  }

  static String describe(JsonToken t) {
    if (t == null) return "the end of the header";
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
    };
  }

  static String str(long[] shape) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) s.append(i == 0 ? "" : ", ").append(shape[i]);
    return s.append(")").toString();
  }

  private SafetensorsFormatException error(String problem) {
    return new SafetensorsFormatException(file, problem);
  }

  private SafetensorsFormatException error(String problem, Throwable cause) {
    return new SafetensorsFormatException(file, problem, cause);
  }
}
