package io.frontier.tensor.cpu;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * A second copy of the tensor library's classes, defined by this loader from the same class path
 * rather than taken from its parent. Its methods start in the interpreter however much earlier tests
 * in the same JVM have run (and JIT-compiled) the originals, so a test can compare a truly cold
 * first call with the compiled calls after warm-up. Classes outside {@code io.frontier.tensor}
 * (the JDK, the Vector API, EJML) are shared with the parent.
 */
final class ColdCopy extends URLClassLoader {
  private static final String PREFIX = "io.frontier.tensor.";

  ColdCopy() {
    super(new URL[] {ScalarExp.class.getProtectionDomain().getCodeSource().getLocation()}, ColdCopy.class.getClassLoader());
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(PREFIX)) return super.loadClass(name, resolve);
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) c = findClass(name);
      if (resolve) resolveClass(c);
      return c;
    }
  }
}
