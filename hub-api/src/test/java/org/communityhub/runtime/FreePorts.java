package org.communityhub.runtime;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the processes a test starts, taken below the kernel's ephemeral range: a port the kernel hands
 * out itself ({@code new ServerSocket(0)}) is free when asked, but any outgoing connection may be given it
 * before the process binds it ("Address already in use" at a broker's start). Below the range only a
 * listener can take it. Each port is handed out once per test JVM.
 */
public final class FreePorts {

  private static final int LOWEST = 15_000;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /** A port nothing listens on now, outside the ephemeral range, not handed out before in this JVM. */
  public static int next() {
    int highest = ephemeralRangeStart() - 1;
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
      if (HANDED_OUT.add(port) && bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("No free port between " + LOWEST + " and " + highest);
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The first port of the kernel's ephemeral range (Linux); 32768, the usual start, elsewhere. */
  private static int ephemeralRangeStart() {
    try {
      int start = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim()
          .split("\\s+")[0]);
      return start > LOWEST + 1_000 ? start : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
