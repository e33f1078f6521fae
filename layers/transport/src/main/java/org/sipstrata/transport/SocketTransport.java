package org.sipstrata.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.SipFraming;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.syntax.SyntaxError;
import org.sipstrata.transport.internal.HeaderSection;
import org.sipstrata.transport.internal.IpLiterals;
import org.sipstrata.transport.internal.SourceRateLimiter;
import org.sipstrata.transport.internal.TcpConnection;
import org.sipstrata.transport.internal.TopVia;

/**
 * The transport layer over real sockets: UDP, TCP and TLS over TCP, on IPv4 and IPv6 (RFC 3261 §18,
 * §26.3.1). TLS needs an {@link SSLContext} in {@link TransportConfig#tls()}.
 *
 * <p>I/O runs on virtual threads, one per socket direction; every framed message and every error
 * is handed to the {@link Scheduler}'s thread, where the {@link TransportListener} is called
 * (DESIGN.md "Threading"). The send methods may be called from any thread and never block on the
 * network: connecting and name resolution happen on virtual threads, and their failures come back
 * as {@link TransportError} events (§18.4).
 *
 * <p>On the way in, requests get {@code received}/{@code rport} (§18.2.1, RFC 3581 §4) and
 * responses whose {@code sent-by} is not ours are discarded (§18.1.2). On the way out, {@link
 * #sendRequest} fills the top Via and applies the size rule of §18.1.1, and {@link #sendResponse}
 * routes by §18.2.2. {@link #send} sends octets as they are, for callers that did all that.
 */
public final class SocketTransport implements SipTransport {

  /** How long {@link #close} waits for queued messages to be written. */
  private static final java.time.Duration CLOSE_FLUSH_TIMEOUT = java.time.Duration.ofSeconds(2);

  /** How the detail of a CONNECT_FAILED for a TCP reset (connection refused) starts. */
  static final String REFUSED = "refused: ";

  /** Source addresses each UDP socket's rate limiter remembers at most. */
  private static final int MAX_TRACKED_SOURCES = 65_536;

  private record UdpPoint(Endpoint endpoint, DatagramSocket socket) {}

  private record TcpPoint(Endpoint endpoint, ServerSocket socket) {}

  private final TransportConfig config;
  private final Scheduler scheduler;
  private final TransportListener listener;
  private final ServerLocator locator;
  private final List<UdpPoint> udpPoints = new CopyOnWriteArrayList<>();
  private final List<TcpPoint> tcpPoints = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<Long, TcpConnection> connectionsById = new ConcurrentHashMap<>();
  /** RFC 3261 §18: connections "indexed by the tuple formed from the address, port, and transport protocol at the far end". */
  private final ConcurrentHashMap<Endpoint, TcpConnection> connectionsByFarEnd = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Endpoint, CompletableFuture<TcpConnection>> connecting = new ConcurrentHashMap<>();
  private final AtomicLong connectionIds = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  private SocketTransport(TransportConfig config, Scheduler scheduler, TransportListener listener,
      ServerLocator locator) {
    this.config = Objects.requireNonNull(config);
    this.scheduler = Objects.requireNonNull(scheduler);
    this.listener = Objects.requireNonNull(listener);
    this.locator = Objects.requireNonNull(locator);
  }

  /**
   * A transport layer with no listening points yet; add them with {@link #listen}. Host names in
   * {@code sent-by} are located by RFC 3263 §5 through the system's DNS (dnsjava).
   */
  public static SocketTransport create(TransportConfig config, Scheduler scheduler, TransportListener listener) {
    Set<Transport> transports = config.tls().isPresent()
        ? Set.of(Transport.UDP, Transport.TCP, Transport.TLS) : Set.of(Transport.UDP, Transport.TCP);
    return create(config, scheduler, listener,
        ServerLocator.withDnsjava(transports, new java.security.SecureRandom()));
  }

  /** As {@link #create(TransportConfig, Scheduler, TransportListener)}, locating host names with {@code locator}. */
  public static SocketTransport create(TransportConfig config, Scheduler scheduler,
      TransportListener listener, ServerLocator locator) {
    return new SocketTransport(config, scheduler, listener, locator);
  }

  /**
   * Opens a listening point: a UDP socket, a TCP server socket or a TLS server socket bound to
   * {@code local} (port 0 lets the system choose). Requests are also sent from these sockets, so the {@code sent-by} port of
   * {@link #sendRequest} is the listening port.
   *
   * @return the bound endpoint
   */
  public Endpoint listen(Transport transport, TransportAddress local) throws IOException {
    switch (transport) {
      case UDP -> {
        DatagramSocket socket = new DatagramSocket(local.toSocketAddress());
        UdpPoint point = new UdpPoint(
            new Endpoint(Transport.UDP, TransportAddress.of((InetSocketAddress) socket.getLocalSocketAddress())),
            socket);
        udpPoints.add(point);
        Thread.ofVirtual().name("strata-udp-" + point.endpoint()).start(() -> receiveDatagrams(point));
        return point.endpoint();
      }
      case TCP, TLS -> {
        ServerSocket socket = transport == Transport.TLS
            ? tlsContext().getServerSocketFactory().createServerSocket()
            : new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(local.toSocketAddress(), 128);
        TcpPoint point = new TcpPoint(
            new Endpoint(transport, TransportAddress.of((InetSocketAddress) socket.getLocalSocketAddress())),
            socket);
        tcpPoints.add(point);
        Thread.ofVirtual().name("strata-" + transport.token().toLowerCase(java.util.Locale.ROOT)
            + "-accept-" + point.endpoint()).start(() -> accept(point));
        return point.endpoint();
      }
      default -> throw new IllegalArgumentException(transport.toString());
    }
  }

  /** The bound listening points, in the order they were opened. */
  public List<Endpoint> listeningPoints() {
    List<Endpoint> all = new ArrayList<>();
    udpPoints.forEach(p -> all.add(p.endpoint()));
    tcpPoints.forEach(p -> all.add(p.endpoint()));
    return List.copyOf(all);
  }

  /** The {@code sent-by} values this transport writes into requests, one per listening point. */
  @Override
  public List<ViaRules.SentBy> sentByValues() {
    return listeningPoints().stream().map(this::sentBy).distinct().toList();
  }

  /** Whether the connection is still open. */
  @Override
  public boolean isOpen(Connection connection) {
    TcpConnection c = connectionsById.get(connection.id());
    return c != null && c.isOpen();
  }

  /** The number of open connections, accepted and opened. */
  public int openConnections() {
    return connectionsById.size();
  }

  // ---------------------------------------------------------------------------------- sending

  /**
   * Sends a message as it is to {@code destination}: over UDP from the first UDP listening point,
   * over TCP on the open connection to that far end or a new one (§18.1.1: "it is RECOMMENDED that
   * this connection be used").
   */
  @Override
  public void send(SipMessage message, Endpoint destination) {
    send(message, destination, Optional.empty(), failure -> report(failure));
  }

  /**
   * Sends a request as the client transport of RFC 3261 §18.1.1: the top Via gets this transport's
   * {@code sent-by} and transport (and {@code rport}, RFC 3581 §3); a UDP request too large for the
   * path goes over TCP, falling back to UDP if the TCP connection is refused. The request must have
   * a top Via (with its branch); otherwise a {@link TransportError.Kind#SEND_FAILED} is reported.
   */
  @Override
  public void sendRequest(SipRequest request, Endpoint destination) {
    sendRequest(request, destination, this::report, () -> {});
  }

  /**
   * The targets for a request whose next hop is {@code nextHop} (a SIP or SIPS URI: the Request-URI,
   * or the first Route, RFC 3261 §8.1.2), located by RFC 3263 §4 off the loop (DNS blocks). A numeric
   * host and an explicit port short-circuit as RFC 3263 §4.1 and §4.2 say; a SIPS URI gives TLS
   * targets only. The future completes on the scheduler's thread; an empty set means nothing was
   * found.
   */
  public CompletableFuture<TargetSet> locate(org.sipstrata.syntax.SipUri nextHop) {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.2
    //# The UAC SHOULD follow the procedures defined in [4] for stateful
    //# elements, trying each address until a server is contacted.
    CompletableFuture<TargetSet> located = new CompletableFuture<>();
    Thread.ofVirtual().name("strata-locate-" + nextHop.host().text()).start(() -> {
      TargetSet targets;
      try {
        targets = TargetSet.of(locator.locate(nextHop));
      } catch (RuntimeException e) {
        targets = TargetSet.of(List.of()); // a resolver failure is "nothing found" (§4.3 has no other answer)
      }
      TargetSet found = targets;
      scheduler.execute(() -> located.complete(found));
    });
    return located;
  }

  /** A request as it went out, and the target set positioned at the target that took it. */
  public record Sent(SipRequest request, TargetSet targets) {}

  /**
   * Sends a request as {@link #sendRequest(SipRequest, Endpoint)} does to the current target of
   * {@code targets}; when that fails with a transport error (the connection is refused or cannot be
   * opened, the datagram cannot be sent), tries the next target with the request {@code newBranch}
   * makes, as RFC 3263 §4.3 says, until one takes it.
   *
   * <p>The future completes on the scheduler's thread with the request as last sent and the set
   * positioned at the target that took it; all later messages of that transaction go there (RFC
   * 3263 §4.4). When every target failed, the set is exhausted and the last failure is reported as
   * an event (§18.4). A 503 or Timer B/F (the other failures of §4.3) are for the transaction layer
   * and the TU, which send a new request to {@link TargetSet#next()}.
   *
   * @param newBranch makes the request for the next try: identical, with a new Via branch
   */
  public CompletableFuture<Sent> sendRequest(SipRequest request, TargetSet targets,
      java.util.function.UnaryOperator<SipRequest> newBranch) {
    CompletableFuture<Sent> done = new CompletableFuture<>();
    if (targets.isExhausted()) {
      report(new TransportError(TransportError.Kind.SEND_FAILED, Transport.UDP, Optional.empty(),
          Optional.of(request), Optional.empty(), "RFC 3263 found no target for the request"));
      scheduler.execute(() -> done.complete(new Sent(request, targets)));
      return done;
    }
    tryTarget(request, targets, newBranch, done);
    return done;
  }

  private void tryTarget(SipRequest request, TargetSet targets,
      java.util.function.UnaryOperator<SipRequest> newBranch, CompletableFuture<Sent> done) {
    Endpoint target = targets.current().orElseThrow();
    sendRequest(request, target, failure -> {
      TargetSet next = targets.next();
      if (next.isExhausted()) {
        report(failure);
        scheduler.execute(() -> done.complete(new Sent(request, next)));
        return;
      }
      //= https://www.rfc-editor.org/rfc/rfc3263#section-4.3
      //# For SIP requests, failure occurs if the transaction layer reports a
      //# 503 error response or a transport failure of some sort (generally,
      //# due to fatal ICMP errors in UDP or connection failures in TCP).
      //= https://www.rfc-editor.org/rfc/rfc3263#section-4.3
      //# If a failure occurs, the client
      //# SHOULD create a new request, which is identical to the previous, but
      //= https://www.rfc-editor.org/rfc/rfc3263#section-4.3
      //# has a different value of the Via branch ID than the previous (and
      //# therefore constitutes a new SIP transaction).  That request is sent
      //# to the next element in the list as specified by RFC 2782.
      tryTarget(newBranch.apply(request), next, newBranch, done);
    }, () -> scheduler.execute(() -> done.complete(new Sent(request, targets))));
  }

  private void sendRequest(SipRequest request, Endpoint destination,
      Consumer<TransportError> onFailure, Runnable onSent) {
    Optional<SipRequest> overDestination = prepare(request, destination.transport());
    if (overDestination.isEmpty()) {
      onFailure.accept(sendFailure(destination, request, "the request has no top Via that matches RFC 3261 §25"));
      return;
    }
    SipRequest asIs = overDestination.get();
    if (destination.transport() == Transport.UDP
        && ViaRules.requiresCongestionControl(asIs.toBytes().length, config.pathMtu())) {
      Endpoint overTcp = new Endpoint(Transport.TCP, destination.address());
      SipRequest viaTcp = prepare(request, Transport.TCP).orElseThrow();
      send(viaTcp, overTcp, Optional.empty(), onSent, failure -> {
        //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.1
        //# If an element sends a request over TCP because of these message size
        //# constraints, and that request would have otherwise been sent over
        //# UDP, if the attempt to establish the connection generates either an
        //# ICMP Protocol Not Supported, or results in a TCP reset, the element
        //# SHOULD retry the request, using UDP.
        if (failure.kind() == TransportError.Kind.CONNECT_FAILED && failure.detail().startsWith(REFUSED)) {
          send(asIs, destination, Optional.empty(), onSent, onFailure);
        } else {
          onFailure.accept(failure);
        }
      });
      return;
    }
    send(asIs, destination, Optional.empty(), onSent, onFailure);
  }

  /**
   * Sends a response to the request {@code request} (as it was passed up), routed by RFC 3261
   * §18.2.2 and RFC 3581 §4 from the response's top Via: on the request's connection if it is still
   * open; otherwise to {@code maddr}, {@code received}/{@code rport}, {@code received} or {@code
   * sent-by}, over UDP from the address the request arrived on.
   */
  @Override
  public void sendResponse(SipResponse response, IncomingMessage request) {
    Optional<Connection> open = request.connection().filter(this::isOpen);
    Optional<ResponseRoute> route =
        TopVia.text(response).flatMap(via -> ViaRules.routeResponse(via, open));
    if (route.isEmpty()) {
      if (open.isPresent()) {
        // No readable Via; the connection the request came on is the only way back.
        sendOn(open.get(), response);
      } else {
        report(new TransportError(TransportError.Kind.SEND_FAILED, request.transport(),
            Optional.of(request.source()), Optional.of(response), Optional.empty(),
            "the response has no top Via that RFC 3261 §18.2.2 can route"));
      }
      return;
    }
    ResponseRoute r = route.get();
    if (r.rule() == ResponseRoute.Rule.SAME_CONNECTION) {
      sendOn(r.connection().orElseThrow(), response);
      return;
    }
    //= https://www.rfc-editor.org/rfc/rfc3581#section-4
    //# The response MUST be sent from the
    //# same address and port that the corresponding request was received on.
    Optional<TransportAddress> from =
        request.transport() == Transport.UDP ? Optional.of(request.destination()) : Optional.empty();
    Optional<InetAddress> literal = IpLiterals.parse(r.host());
    if (literal.isPresent()) {
      Endpoint destination = new Endpoint(r.transport(), new TransportAddress(literal.get(), r.port()));
      if (r.rule() == ResponseRoute.Rule.NEW_CONNECTION) {
        send(response, destination, from, () -> {}, failure -> {
          //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
          //# If that connection attempt fails, the server SHOULD use the procedures
          //# in [4] for servers in order to determine the IP address and
          //# port to open the connection and send the response to.
          if (failure.kind() == TransportError.Kind.CONNECT_FAILED) {
            locateAndSend(response, r, from, Optional.of(destination), failure);
          } else {
            report(failure);
          }
        });
      } else {
        send(response, destination, from, this::report);
      }
      return;
    }
    // A host name (sent-by, or a reliable transport without received): RFC 3263 §5.
    locateAndSend(response, r, from, Optional.empty(), new TransportError(TransportError.Kind.SEND_FAILED,
        r.transport(), Optional.empty(), Optional.of(response), Optional.empty(),
        "RFC 3263 §5 found no address for " + r.host()));
  }

  /**
   * Locates the response's top Via {@code sent-by} by RFC 3263 §5, off the loop, and sends to each
   * located target in turn (skipping {@code tried}) until one takes the response; reports {@code
   * none} when there is no other target.
   */
  private void locateAndSend(SipResponse response, ResponseRoute r, Optional<TransportAddress> from,
      Optional<Endpoint> tried, TransportError none) {
    Optional<org.sipstrata.syntax.Via> via = TopVia.of(response);
    Thread.ofVirtual().name("strata-locate-" + r.host()).start(() -> {
      List<Endpoint> targets;
      try {
        targets = via.map(locator::locateSentBy).orElse(List.of()).stream()
            .filter(t -> tried.isEmpty() || !t.equals(tried.get()))
            .toList();
      } catch (RuntimeException e) {
        targets = List.of(); // a resolver failure: no other place to send to
      }
      sendToFirst(response, targets, 0, from, none);
    });
  }

  /**
   * Sends to {@code targets[index]}, and on failure to the next (RFC 3263 §5: "the next entry on the
   * list is tried"); reports {@code none} if the list is empty, the last failure if all fail.
   */
  private void sendToFirst(SipMessage message, List<Endpoint> targets, int index,
      Optional<TransportAddress> from, TransportError none) {
    if (index >= targets.size()) {
      report(none);
      return;
    }
    send(message, targets.get(index), from, failure -> sendToFirst(message, targets, index + 1, from,
        index + 1 < targets.size() ? none : failure));
  }

  private Optional<SipRequest> prepare(SipRequest request, Transport transport) {
    return ViaRules.prepareRequest(request, transport, sentBy(transport), config.addRport());
  }

  private ViaRules.SentBy sentBy(Transport transport) {
    Endpoint point = listeningPoints().stream()
        .filter(e -> e.transport() == transport)
        .findFirst()
        .or(() -> listeningPoints().stream().findFirst())
        .orElseThrow(() -> new IllegalStateException("no listening point: call listen first"));
    return sentBy(point);
  }

  private ViaRules.SentBy sentBy(Endpoint point) {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.1
    //# This field contains
    //# an IP address or host name, and port.
    String host = config.sentByHost().orElse(point.address().hostText());
    return new ViaRules.SentBy(host, point.address().port());
  }

  private void sendOn(Connection connection, SipMessage message) {
    TcpConnection c = connectionsById.get(connection.id());
    if (c == null || !c.send(message.toBytes())) {
      report(new TransportError(TransportError.Kind.SEND_FAILED, connection.transport(),
          Optional.of(connection.remote()), Optional.of(message), Optional.empty(),
          c == null || !c.isOpen() ? "the connection is closed" : "the connection's send queue is full"));
    }
  }

  private void send(SipMessage message, Endpoint destination, Optional<TransportAddress> from,
      Consumer<TransportError> onFailure) {
    send(message, destination, from, () -> {}, onFailure);
  }

  /** Sends, calling {@code onSent} once the octets are handed to the socket or connection queue. */
  private void send(SipMessage message, Endpoint destination, Optional<TransportAddress> from,
      Runnable onSent, Consumer<TransportError> onFailure) {
    if (closed.get()) {
      onFailure.accept(sendFailure(destination, message, "the transport is closed"));
      return;
    }
    byte[] octets = message.toBytes();
    switch (destination.transport()) {
      case UDP -> {
        if (sendDatagram(message, octets, destination, from, onFailure)) {
          onSent.run();
        }
      }
      case TCP, TLS -> connectionTo(destination).whenComplete((connection, error) -> {
        if (error != null) {
          onFailure.accept(connectFailure(destination, message, error));
        } else if (!connection.send(octets)) {
          onFailure.accept(sendFailure(destination, message, "the connection closed or its queue is full"));
        } else {
          onSent.run();
        }
      });
      default -> throw new IllegalArgumentException(destination.toString());
    }
  }

  private boolean sendDatagram(SipMessage message, byte[] octets, Endpoint destination,
      Optional<TransportAddress> from, Consumer<TransportError> onFailure) {
    Optional<UdpPoint> point = udpPoints.stream()
        .filter(p -> from.isEmpty() || p.endpoint().address().equals(from.get()))
        .findFirst()
        .or(() -> udpPoints.stream()
            .filter(p -> p.endpoint().address().address().getClass() == destination.address().address().getClass())
            .findFirst())
        .or(() -> udpPoints.stream().findFirst());
    if (point.isEmpty()) {
      onFailure.accept(sendFailure(destination, message, "no UDP listening point to send from"));
      return false;
    }
    try {
      point.get().socket().send(new DatagramPacket(octets, octets.length, destination.address().toSocketAddress()));
      return true;
    } catch (IOException e) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-18.4
      //# Host, network, port or protocol
      //# unreachable errors, or parameter problem errors SHOULD cause the
      //# transport layer to inform the transport user of a failure in sending.
      onFailure.accept(sendFailure(destination, message, "UDP send failed: " + e.getMessage()));
      return false;
    }
  }

  private CompletableFuture<TcpConnection> connectionTo(Endpoint farEnd) {
    TcpConnection existing = connectionsByFarEnd.get(farEnd);
    if (existing != null && existing.isOpen()) {
      return CompletableFuture.completedFuture(existing);
    }
    return connecting.computeIfAbsent(farEnd, key -> {
      CompletableFuture<TcpConnection> future = new CompletableFuture<>();
      Thread.ofVirtual().name("strata-tcp-connect-" + key).start(() -> {
        try {
          if (connectionsById.size() >= config.maxConnections()) {
            throw new IOException("the connection limit of " + config.maxConnections() + " is reached");
          }
          Socket socket = new Socket();
          try {
            socket.setTcpNoDelay(true);
            socket.connect(key.address().toSocketAddress(), (int) config.connectTimeout().toMillis());
            if (key.transport() == Transport.TLS) {
              socket = startTls(socket, key.address());
            }
          } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
          }
          future.complete(register(socket, key.transport()));
        } catch (IOException | RuntimeException e) {
          future.completeExceptionally(e);
        } finally {
          connecting.remove(key, future);
        }
      });
      return future;
    });
  }

  private SSLContext tlsContext() {
    return config.tls().orElseThrow(() ->
        new IllegalStateException("TLS needs an SSLContext: TransportConfig.withTls"));
  }

  /**
   * Runs the TLS handshake as a client over a connected socket, checking that the server's
   * certificate names the address connected to (the only identity known without RFC 3263).
   */
  private Socket startTls(Socket plain, TransportAddress address) throws IOException {
    String host = IpLiterals.unbracket(address.hostText());
    SSLSocket tls = (SSLSocket) tlsContext().getSocketFactory()
        .createSocket(plain, host, address.port(), true);
    SSLParameters parameters = tls.getSSLParameters();
    //= https://www.rfc-editor.org/rfc/rfc3261#section-26.3.1
    //# All SIP
    //# elements that support TLS MUST have a mechanism for validating
    //# certificates received during TLS negotiation
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    tls.setSSLParameters(parameters);
    tls.setSoTimeout((int) config.connectTimeout().toMillis());
    tls.startHandshake();
    return tls;
  }

  // -------------------------------------------------------------------------------- receiving

  private void receiveDatagrams(UdpPoint point) {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.1
    //# However,
    //# implementations MUST be able to handle messages up to the maximum
    //# datagram packet size.  For UDP, this size is 65,535 bytes, including
    //# IP and UDP headers.
    byte[] buffer = new byte[65535];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    SourceRateLimiter limiter = new SourceRateLimiter(config.maxDatagramsPerSource(), MAX_TRACKED_SOURCES);
    while (!point.socket().isClosed()) {
      try {
        packet.setLength(buffer.length);
        point.socket().receive(packet);
      } catch (IOException e) {
        if (point.socket().isClosed()) {
          return;
        }
        continue;
      }
      TransportAddress source = new TransportAddress(packet.getAddress(), packet.getPort());
      SourceRateLimiter.Decision decision = limiter.admit(packet.getAddress(), System.nanoTime());
      if (decision != SourceRateLimiter.Decision.ADMIT) {
        if (decision == SourceRateLimiter.Decision.DROP_FIRST) {
          report(new TransportError(TransportError.Kind.DATAGRAM_DROPPED, Transport.UDP,
              Optional.of(source), Optional.empty(), Optional.empty(),
              "datagrams dropped: more than " + config.maxDatagramsPerSource()
                  + " per second from " + source.hostText()));
        }
        continue;
      }
      try {
        FramingResult result =
            SipFraming.datagram(buffer, packet.getOffset(), packet.getLength(), config.syntaxLimits());
        switch (result) {
          case FramingResult.Framed framed ->
              deliver(framed, Transport.UDP, source, point.endpoint().address(), Optional.empty());
          case FramingResult.Failed failed -> {
            //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
            //# If the transport packet ends before the end of the
            //# message body, this is considered an error.  If the message is a
            //# response, it MUST be discarded.
            Optional<SipRequest> request = HeaderSection.request(
                buffer, packet.getOffset(), packet.getOffset() + packet.getLength(), config.syntaxLimits());
            report(new TransportError(TransportError.Kind.DATAGRAM_DROPPED, Transport.UDP,
                Optional.of(source), request.map(r -> (SipMessage) r), Optional.of(failed.error()),
                "datagram dropped: " + failed.error().message()));
            //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
            //# If the message is a request, the
            //# element SHOULD generate a 400 (Bad Request) response.
            request.filter(r -> !r.method().equals("ACK")).ifPresent(r -> {
              SipRequest stamped = ViaRules.stampReceived(r, source).orElse(r);
              sendResponse(Responses.stateless(stamped, 400, failed.error().message(), List.of()),
                  new IncomingMessage(stamped, Transport.UDP, source, point.endpoint().address(),
                      Optional.empty(), List.of()));
            });
          }
          case FramingResult.NeedMore needMore -> {
            // Datagram framing never asks for more.
          }
        }
      } catch (RuntimeException e) {
        // One datagram must not stop the receiver (§18.3: errors affect only that datagram).
        report(new TransportError(TransportError.Kind.DATAGRAM_DROPPED, Transport.UDP,
            Optional.of(source), Optional.empty(), Optional.empty(),
            "datagram dropped: internal error " + e));
      }
    }
  }

  private void accept(TcpPoint point) {
    while (!point.socket().isClosed()) {
      Socket socket;
      try {
        socket = point.socket().accept();
      } catch (IOException e) {
        if (point.socket().isClosed()) {
          return;
        }
        continue;
      }
      if (connectionsById.size() >= config.maxConnections()) {
        TransportAddress remote = TransportAddress.of((InetSocketAddress) socket.getRemoteSocketAddress());
        closeQuietly(socket);
        report(new TransportError(TransportError.Kind.CONNECTION_REFUSED, point.endpoint().transport(),
            Optional.of(remote), Optional.empty(), Optional.empty(),
            "the connection limit of " + config.maxConnections() + " is reached"));
        continue;
      }
      try {
        socket.setTcpNoDelay(true);
        register(socket, point.endpoint().transport());
      } catch (SocketException e) {
        closeQuietly(socket);
      }
    }
  }

  private TcpConnection register(Socket socket, Transport transport) {
    Connection handle = new Connection(connectionIds.incrementAndGet(), transport,
        TransportAddress.of((InetSocketAddress) socket.getLocalSocketAddress()),
        TransportAddress.of((InetSocketAddress) socket.getRemoteSocketAddress()));
    TcpConnection connection = new TcpConnection(socket, handle,
        new TcpConnection.Limits(config.syntaxLimits(), config.idleTimeout(),
            config.partialMessageTimeout(), config.maxQueuedPerConnection()),
        new StreamEvents());
    connectionsById.put(handle.id(), connection);
    //= https://www.rfc-editor.org/rfc/rfc3261#section-18
    //# When the connection is
    //# accepted by the transport layer, this index is set to the source IP
    //# address, port number, and transport.
    connectionsByFarEnd.put(new Endpoint(transport, handle.remote()), connection);
    connection.start();
    if (closed.get()) {
      connection.close("the transport is closed");
    }
    return connection;
  }

  private final class StreamEvents implements TcpConnection.Events {
    @Override
    public void message(TcpConnection connection, FramingResult.Framed framed) {
      Connection handle = connection.handle();
      deliver(framed, handle.transport(), handle.remote(), handle.local(), Optional.of(handle));
    }

    @Override
    public void framingError(TcpConnection connection, SyntaxError error, Optional<SipRequest> request) {
      Connection handle = connection.handle();
      report(new TransportError(TransportError.Kind.STREAM_FRAMING_ERROR, handle.transport(),
          Optional.of(handle.remote()), request.map(r -> (SipMessage) r), Optional.of(error),
          "connection closed: " + error.message()));
      //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
      //# The Content-
      //# Length header field MUST be used with stream oriented transports.
      Optional<byte[]> answer = request
          .filter(r -> !r.method().equals("ACK"))
          .map(r -> Responses.stateless(r, 400, error.message(), List.of()).toBytes());
      connection.sendAndClose(answer);
    }

    @Override
    public void closed(TcpConnection connection, String reason) {
      Connection handle = connection.handle();
      connectionsById.remove(handle.id(), connection);
      connectionsByFarEnd.remove(new Endpoint(handle.transport(), handle.remote()), connection);
      report(new TransportError(TransportError.Kind.CONNECTION_CLOSED, handle.transport(),
          Optional.of(handle.remote()), Optional.empty(), Optional.empty(), reason));
    }
  }

  /** Applies the receive rules of §18.1.2 and §18.2.1 and hands the message to the loop. */
  private void deliver(FramingResult.Framed framed, Transport transport, TransportAddress source,
      TransportAddress local, Optional<Connection> connection) {
    switch (Inbound.accept(framed, transport, source, local, connection, sentByValues())) {
      case Inbound.PassUp up -> scheduler.execute(() -> listener.onMessage(up.message()));
      case Inbound.Discard discard -> report(discard.error());
    }
  }

  private void report(TransportError error) {
    scheduler.execute(() -> listener.onError(error));
  }

  private static TransportError sendFailure(Endpoint destination, SipMessage message, String detail) {
    return new TransportError(TransportError.Kind.SEND_FAILED, destination.transport(),
        Optional.of(destination.address()), Optional.of(message), Optional.empty(), detail);
  }

  private static TransportError connectFailure(Endpoint destination, SipMessage message, Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    //= https://www.rfc-editor.org/rfc/rfc3261#section-18.4
    //# If the transport user asks for a request to be sent over a reliable
    //# transport, and the result is a connection failure, the transport
    //# layer SHOULD inform the transport user of a failure in sending.
    String detail = cause instanceof ConnectException
        ? REFUSED + destination + " (" + cause.getMessage() + ")"
        : "cannot connect to " + destination + ": " + cause.getMessage();
    return new TransportError(TransportError.Kind.CONNECT_FAILED, destination.transport(),
        Optional.of(destination.address()), Optional.of(message), Optional.empty(), detail);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing to release beyond what close already released.
    }
  }

  /**
   * Closes every listening socket, writes what connections still have queued (up to 2 s), closes
   * them; later sends fail with an event.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    udpPoints.forEach(p -> p.socket().close());
    for (TcpPoint p : tcpPoints) {
      try {
        p.socket().close();
      } catch (IOException ignored) {
        // Closing a listening socket releases it even when close reports an error.
      }
    }
    // Queued messages (e.g. the last responses) are written before the connections close.
    CompletableFuture<?>[] flushed = connectionsById.values().stream()
        .map(TcpConnection::closeAfterFlush).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(flushed).get(CLOSE_FLUSH_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // Whatever has not flushed in time is dropped below.
    }
    connectionsById.values().forEach(c -> c.close("the transport is closed"));
  }
}
