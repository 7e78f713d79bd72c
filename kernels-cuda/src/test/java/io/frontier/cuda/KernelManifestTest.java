package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed fatbin must be built from the committed sources: every CUDA source's SHA-256 must
 * equal its line in kernels.manifest, and the fatbin's hash its line. Run build-kernels.sh after
 * editing a kernel.
 */
class KernelManifestTest {
  static final Path SOURCES = Path.of("src/main/cuda");

  @Test
  void sourcesAndFatbinMatchTheManifest() throws Exception {
    Map<String, String> listed = new TreeMap<>();
    Map<String, String> fatbins = new TreeMap<>();
    for (String line : resource("/io/frontier/cuda/kernels.manifest").split("\n")) {
      String[] f = line.trim().split(" ");
      if (f[0].equals("source")) listed.put(f[2], f[1]);
      if (f[0].equals("fatbin") || f[0].equals("signatures")) fatbins.put(f[2], f[1]);
    }
    Map<String, String> actual = new TreeMap<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path p : (Iterable<Path>) files::iterator) actual.put(p.getFileName().toString(), sha256(Files.readAllBytes(p)));
    }
    if (!listed.equals(actual)) {
      StringBuilder diff = new StringBuilder();
      for (String name : actual.keySet()) {
        if (!actual.get(name).equals(listed.get(name))) diff.append(" ").append(name).append(listed.containsKey(name) ? " (changed)" : " (not in manifest)");
      }
      for (String name : listed.keySet()) if (!actual.containsKey(name)) diff.append(" ").append(name).append(" (deleted)");
      fail("CUDA sources differ from kernels.manifest:" + diff + "; run kernels-cuda/build-kernels.sh and commit the fatbin");
    }
    // the fatbins and the kernel signatures written from the same build
    for (String resource : new String[] {CudaContext.FATBIN_RESOURCE, CudaContext.SM90A_FATBIN_RESOURCE, KernelSignatures.RESOURCE}) {
      String name = resource.substring(resource.lastIndexOf('/') + 1);
      assertNotNull(fatbins.get(name), "manifest has no line for " + name);
      try (InputStream in = getClass().getResourceAsStream(resource)) {
        assertNotNull(in, resource + " missing");
        assertEquals(fatbins.get(name), sha256(in.readAllBytes()), "the committed " + name + " is not the one the manifest describes");
      }
    }
  }

  static String resource(String name) throws IOException {
    try (InputStream in = KernelManifestTest.class.getResourceAsStream(name)) {
      assertNotNull(in, name + " missing");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String sha256(byte[] data) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
