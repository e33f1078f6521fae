package org.sipstrata.transport.internal;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Datagrams per source IP address per one-second window, for one UDP socket (used by its receiver
 * thread only). The table of sources is bounded: past {@code maxSources}, the source seen least
 * recently is forgotten, so memory stays bounded even under a flood of spoofed addresses.
 */
public final class SourceRateLimiter {

  private static final long WINDOW_NANOS = 1_000_000_000L;

  /** What to do with a datagram. */
  public enum Decision {
    ADMIT,
    /** Over the limit, the first drop of this window for this source (worth one event). */
    DROP_FIRST,
    DROP
  }

  private static final class Window {
    long start;
    int count;
  }

  private final int perSecond;
  private final Map<InetAddress, Window> windows;

  public SourceRateLimiter(int perSecond, int maxSources) {
    this.perSecond = perSecond;
    this.windows = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<InetAddress, Window> eldest) {
        return size() > maxSources;
      }
    };
  }

  public Decision admit(InetAddress source, long nanoTime) {
    Window w = windows.computeIfAbsent(source, k -> new Window());
    if (w.count == 0 || nanoTime - w.start >= WINDOW_NANOS) {
      w.start = nanoTime;
      w.count = 0;
    }
    w.count++;
    if (w.count <= perSecond) {
      return Decision.ADMIT;
    }
    return w.count == perSecond + 1 ? Decision.DROP_FIRST : Decision.DROP;
  }

  /** How many sources are remembered now (at most {@code maxSources}). */
  public int trackedSources() {
    return windows.size();
  }
}
