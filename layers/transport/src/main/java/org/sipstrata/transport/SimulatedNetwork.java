package org.sipstrata.transport;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Several SIP endpoints in one JVM, joined by a simulated IP network on the stack's {@link
 * Scheduler} (normally a {@link VirtualScheduler}): datagrams are lost, duplicated, delayed and
 * reordered as {@link NetworkConditions} say, drawn from one seeded {@link Random}, so a run is
 * reproducible from its seed; partitions cut hosts apart. Each endpoint is a {@link
 * SimulatedTransport}, a full {@link SipTransport} that applies the same §18 rules as {@link
 * SocketTransport} to the octets it sends and receives.
 *
 * <p>Single-threaded: use it from the scheduler's thread (with a {@code VirtualScheduler}, the thread
 * that advances time). Messages are delivered by scheduler tasks.
 */
public final class SimulatedNetwork {

  /** Counters of what the network did to datagrams. */
  public record Statistics(long sent, long delivered, long lost, long duplicated, long partitioned) {}

  private final Scheduler scheduler;
  private final Random random;
  private final Map<TransportAddress, SimulatedTransport> hosts = new HashMap<>();
  private final Set<Set<InetAddress>> partitions = new HashSet<>();
  private NetworkConditions conditions = NetworkConditions.perfect();
  private long nextConnectionId;
  private long sent;
  private long delivered;
  private long lost;
  private long duplicated;
  private long partitioned;

  public SimulatedNetwork(Scheduler scheduler, long seed) {
    this.scheduler = Objects.requireNonNull(scheduler);
    this.random = new Random(seed);
  }

  /** Sets the conditions for datagrams sent from now on. */
  public void conditions(NetworkConditions value) {
    this.conditions = Objects.requireNonNull(value);
  }

  public NetworkConditions conditions() {
    return conditions;
  }

  /**
   * Attaches an endpoint that listens for UDP and TCP on {@code address} (§18.2.1: a server that
   * listens for UDP on a port listens for TCP on it too).
   *
   * @throws IllegalArgumentException if the address is taken
   */
  public SimulatedTransport attach(TransportAddress address, TransportListener listener) {
    if (hosts.containsKey(address)) {
      throw new IllegalArgumentException("address in use: " + address);
    }
    SimulatedTransport endpoint = new SimulatedTransport(this, address, listener);
    hosts.put(address, endpoint);
    return endpoint;
  }

  /** Cuts every path between the two hosts (both directions); open connections between them break. */
  public void partition(InetAddress a, InetAddress b) {
    partitions.add(Set.of(a, b));
    hosts.values().forEach(h -> h.breakConnectionsTo(b2 -> isPartitioned(h.address().address(), b2)));
  }

  /** Restores the paths between the two hosts. */
  public void heal(InetAddress a, InetAddress b) {
    partitions.remove(Set.of(a, b));
  }

  public Statistics statistics() {
    return new Statistics(sent, delivered, lost, duplicated, partitioned);
  }

  Scheduler scheduler() {
    return scheduler;
  }

  boolean isPartitioned(InetAddress a, InetAddress b) {
    return !a.equals(b) && partitions.contains(Set.of(a, b));
  }

  Optional<SimulatedTransport> host(TransportAddress address) {
    return Optional.ofNullable(hosts.get(address));
  }

  long nextConnectionId() {
    return ++nextConnectionId;
  }

  void detach(SimulatedTransport endpoint) {
    hosts.remove(endpoint.address(), endpoint);
  }

  /** Sends one datagram under the current conditions; false if nobody could receive it. */
  void datagram(TransportAddress from, TransportAddress to, byte[] octets) {
    sent++;
    if (isPartitioned(from.address(), to.address())) {
      partitioned++;
      return;
    }
    if (random.nextDouble() < conditions.loss()) {
      lost++;
      return;
    }
    deliverLater(from, to, octets);
    if (random.nextDouble() < conditions.duplication()) {
      duplicated++;
      deliverLater(from, to, octets);
    }
  }

  private void deliverLater(TransportAddress from, TransportAddress to, byte[] octets) {
    long span = conditions.maxDelay().toNanos() - conditions.minDelay().toNanos();
    long extra = span == 0 ? 0 : (long) (random.nextDouble() * (span + 1));
    scheduler.schedule(conditions.minDelay().plusNanos(extra), () -> {
      SimulatedTransport receiver = hosts.get(to);
      // A datagram to an address where nobody listens disappears, as on a real network.
      if (receiver != null && !isPartitioned(from.address(), to.address())) {
        delivered++;
        receiver.receiveDatagram(octets, from);
      }
    });
  }

  /** The fixed delay of reliable transports: in order, no loss. */
  Duration streamDelay() {
    return conditions.minDelay();
  }
}
