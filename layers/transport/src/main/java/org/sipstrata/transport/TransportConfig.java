package org.sipstrata.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;
import org.sipstrata.syntax.SyntaxLimits;

/**
 * The settings of the transport layer; every resource it holds is bounded by one of them.
 *
 * @param syntaxLimits framing limits (message size, line lengths, header count)
 * @param maxConnections open TCP/TLS connections at most, accepted and opened together; further
 *     accepted connections are closed at once
 * @param idleTimeout a connection with no octets in either direction for this long is closed; RFC
 *     3261 §18 recommends at least the time to complete a transaction, usually 64*T1
 * @param partialMessageTimeout a connection that holds part of a message for this long without
 *     completing it is closed (slow senders, "slowloris")
 * @param connectTimeout how long opening a connection may take
 * @param maxQueuedPerConnection messages waiting to be written on one connection at most
 * @param pathMtu the path MTU when known; empty means unknown (RFC 3261 §18.1.1 then uses 1300 octets)
 * @param addRport whether requests get an empty {@code rport} in the top Via (RFC 3581 §3)
 * @param sentByHost the host written into {@code sent-by}; empty means the listening IP address
 *     (set it when listening on a wildcard address such as 0.0.0.0)
 * @param tls the TLS context (key material to listen, trust material to connect) for {@link
 *     Transport#TLS}; empty means no TLS
 * @param maxDatagramsPerSource datagrams accepted from one source IP address per second on one UDP
 *     socket; the rest of that second's datagrams from it are dropped (one DATAGRAM_DROPPED event
 *     per source and second), so one host cannot take the whole receiver
 */
public record TransportConfig(
    SyntaxLimits syntaxLimits,
    int maxConnections,
    Duration idleTimeout,
    Duration partialMessageTimeout,
    Duration connectTimeout,
    int maxQueuedPerConnection,
    OptionalInt pathMtu,
    boolean addRport,
    java.util.Optional<String> sentByHost,
    java.util.Optional<SSLContext> tls,
    int maxDatagramsPerSource) {

  /** Four times 64*T1 (T1 = 500 ms, RFC 3261 §17.1.1.1), the least idle time §18 recommends. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(128);

  public static final Duration DEFAULT_PARTIAL_MESSAGE_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;
  public static final int DEFAULT_MAX_QUEUED_PER_CONNECTION = 4096;
  public static final int DEFAULT_MAX_DATAGRAMS_PER_SOURCE = 5000;

  /** The settings without a per-source UDP limit argument: {@link #DEFAULT_MAX_DATAGRAMS_PER_SOURCE}. */
  public TransportConfig(SyntaxLimits syntaxLimits, int maxConnections, Duration idleTimeout,
      Duration partialMessageTimeout, Duration connectTimeout, int maxQueuedPerConnection,
      OptionalInt pathMtu, boolean addRport, java.util.Optional<String> sentByHost,
      java.util.Optional<SSLContext> tls) {
    this(syntaxLimits, maxConnections, idleTimeout, partialMessageTimeout, connectTimeout,
        maxQueuedPerConnection, pathMtu, addRport, sentByHost, tls, DEFAULT_MAX_DATAGRAMS_PER_SOURCE);
  }

  public TransportConfig {
    Objects.requireNonNull(syntaxLimits);
    Objects.requireNonNull(idleTimeout);
    Objects.requireNonNull(partialMessageTimeout);
    Objects.requireNonNull(connectTimeout);
    Objects.requireNonNull(pathMtu);
    Objects.requireNonNull(sentByHost);
    Objects.requireNonNull(tls);
    if (maxConnections < 1 || maxQueuedPerConnection < 1 || maxDatagramsPerSource < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()
        || partialMessageTimeout.isNegative() || partialMessageTimeout.isZero()
        || connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /**
   * Safe defaults: the syntax layer's limits, 1024 connections, 128 s idle (four times 64*T1), 10 s
   * for a partial message, 10 s to connect, 4096 queued messages per connection, path MTU unknown,
   * {@code rport} on, no TLS, 5000 datagrams per source address and second.
   */
  public static TransportConfig defaults() {
    return new TransportConfig(
        SyntaxLimits.defaults(),
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_IDLE_TIMEOUT,
        DEFAULT_PARTIAL_MESSAGE_TIMEOUT,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_MAX_QUEUED_PER_CONNECTION,
        OptionalInt.empty(),
        true,
        java.util.Optional.empty(),
        java.util.Optional.empty());
  }

  public TransportConfig withSyntaxLimits(SyntaxLimits value) {
    return new TransportConfig(value, maxConnections, idleTimeout, partialMessageTimeout,
        connectTimeout, maxQueuedPerConnection, pathMtu, addRport, sentByHost, tls, maxDatagramsPerSource);
  }

  public TransportConfig withMaxConnections(int value) {
    return new TransportConfig(syntaxLimits, value, idleTimeout, partialMessageTimeout,
        connectTimeout, maxQueuedPerConnection, pathMtu, addRport, sentByHost, tls, maxDatagramsPerSource);
  }

  public TransportConfig withIdleTimeout(Duration value) {
    return new TransportConfig(syntaxLimits, maxConnections, value, partialMessageTimeout,
        connectTimeout, maxQueuedPerConnection, pathMtu, addRport, sentByHost, tls, maxDatagramsPerSource);
  }

  public TransportConfig withPartialMessageTimeout(Duration value) {
    return new TransportConfig(syntaxLimits, maxConnections, idleTimeout, value,
        connectTimeout, maxQueuedPerConnection, pathMtu, addRport, sentByHost, tls, maxDatagramsPerSource);
  }

  public TransportConfig withConnectTimeout(Duration value) {
    return new TransportConfig(syntaxLimits, maxConnections, idleTimeout, partialMessageTimeout,
        value, maxQueuedPerConnection, pathMtu, addRport, sentByHost, tls, maxDatagramsPerSource);
  }

  public TransportConfig withPathMtu(OptionalInt value) {
    return new TransportConfig(syntaxLimits, maxConnections, idleTimeout, partialMessageTimeout,
        connectTimeout, maxQueuedPerConnection, value, addRport, sentByHost, tls, maxDatagramsPerSource);
  }

  public TransportConfig withAddRport(boolean value) {
    return new TransportConfig(syntaxLimits, maxConnections, idleTimeout, partialMessageTimeout,
        connectTimeout, maxQueuedPerConnection, pathMtu, value, sentByHost, tls, maxDatagramsPerSource);
  }

  public TransportConfig withSentByHost(java.util.Optional<String> value) {
    return new TransportConfig(syntaxLimits, maxConnections, idleTimeout, partialMessageTimeout,
        connectTimeout, maxQueuedPerConnection, pathMtu, addRport, value, tls, maxDatagramsPerSource);
  }

  public TransportConfig withTls(java.util.Optional<SSLContext> value) {
    return new TransportConfig(syntaxLimits, maxConnections, idleTimeout, partialMessageTimeout,
        connectTimeout, maxQueuedPerConnection, pathMtu, addRport, sentByHost, value, maxDatagramsPerSource);
  }

  public TransportConfig withMaxDatagramsPerSource(int value) {
    return new TransportConfig(syntaxLimits, maxConnections, idleTimeout, partialMessageTimeout,
        connectTimeout, maxQueuedPerConnection, pathMtu, addRport, sentByHost, tls, value);
  }
}
