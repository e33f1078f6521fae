package org.sipstrata.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SimulatedNetwork} treats datagrams (unreliable transports): each datagram is lost
 * with probability {@code loss}, otherwise delivered after a delay drawn uniformly from
 * [{@code minDelay}, {@code maxDelay}] — different delays reorder datagrams — and delivered a second
 * time, with its own delay, with probability {@code duplication}. Reliable transports (TCP) are not
 * affected by loss, duplication or reordering: they deliver every message in order after {@code
 * minDelay}.
 */
public record NetworkConditions(double loss, double duplication, Duration minDelay, Duration maxDelay) {

  public NetworkConditions {
    Objects.requireNonNull(minDelay);
    Objects.requireNonNull(maxDelay);
    if (loss < 0 || loss > 1 || duplication < 0 || duplication > 1) {
      throw new IllegalArgumentException("probabilities are between 0 and 1");
    }
    if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
      throw new IllegalArgumentException("0 <= minDelay <= maxDelay");
    }
  }

  /** No loss, no duplication, 1 ms for every message. */
  public static NetworkConditions perfect() {
    return new NetworkConditions(0, 0, Duration.ofMillis(1), Duration.ofMillis(1));
  }

  public NetworkConditions withLoss(double value) {
    return new NetworkConditions(value, duplication, minDelay, maxDelay);
  }

  public NetworkConditions withDuplication(double value) {
    return new NetworkConditions(loss, value, minDelay, maxDelay);
  }

  public NetworkConditions withDelay(Duration min, Duration max) {
    return new NetworkConditions(loss, duplication, min, max);
  }
}
