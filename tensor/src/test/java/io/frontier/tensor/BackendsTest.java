package io.frontier.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsTest {
  @Test
  void theCpuIsAlwaysAvailableAndAMissingCudaProviderIsExplained() {
    List<Backends.Status> status = Backends.status();
    assertEquals("cpu", status.get(0).name());
    assertTrue(status.get(0).available());
    Backends.Status cuda = status.stream().filter(s -> s.name().equals("cuda")).findFirst().orElseThrow();
    assertFalse(cuda.available());
    assertTrue(cuda.detail().contains("no provider on the class path"), cuda.detail());
    assertFalse(Backends.isAvailable(Device.Type.CUDA));
  }
}
