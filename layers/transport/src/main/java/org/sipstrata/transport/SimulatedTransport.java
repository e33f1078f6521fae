package org.sipstrata.transport;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.SipFraming;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.syntax.StreamDecoder;
import org.sipstrata.syntax.SyntaxLimits;
import org.sipstrata.transport.internal.IpLiterals;

/**
 * One endpoint of a {@link SimulatedNetwork}: a {@link SipTransport} listening for UDP and TCP on
 * one address. Messages are serialized to octets, carried by the network and framed again by the
 * syntax layer on arrival (datagram framing for UDP, a {@link StreamDecoder} per connection for
 * TCP), and the same §18 rules as {@link SocketTransport} apply: {@code sent-by}/{@code rport} out,
 * {@code received}/{@code rport} in, §18.1.2 on responses, §18.2.2 routing, the MTU rule.
 *
 * <p>Host names are not resolved (the simulated network has no DNS): a response routed to a
 * {@code sent-by} name fails with {@link TransportError.Kind#SEND_FAILED}. Connections have no idle
 * or partial-message timeouts.
 */
public final class SimulatedTransport implements SipTransport {

  /** The largest UDP payload over IPv4: 65,535 minus the IP and UDP headers. */
  private static final int MAX_DATAGRAM = 65_507;

  private final SimulatedNetwork network;
  private final TransportAddress address;
  private final TransportListener listener;
  private final Map<Long, Side> connectionsById = new HashMap<>();
  private final Map<Endpoint, Side> connectionsByFarEnd = new HashMap<>();
  private int nextEphemeralPort = 49152;
  private boolean closed;

  SimulatedTransport(SimulatedNetwork network, TransportAddress address, TransportListener listener) {
    this.network = network;
    this.address = address;
    this.listener = Objects.requireNonNull(listener);
  }

  /** This endpoint's address, for UDP and TCP. */
  public TransportAddress address() {
    return address;
  }

  @Override
  public List<ViaRules.SentBy> sentByValues() {
    return List.of(new ViaRules.SentBy(address.hostText(), address.port()));
  }

  @Override
  public boolean isOpen(Connection connection) {
    Side side = connectionsById.get(connection.id());
    return side != null && side.open;
  }

  /** The number of open connections at this endpoint. */
  public int openConnections() {
    return connectionsById.size();
  }

  @Override
  public void send(SipMessage message, Endpoint destination) {
    send(message, destination, this::report);
  }

  @Override
  public void sendRequest(SipRequest request, Endpoint destination) {
    Optional<SipRequest> prepared = prepare(request, destination.transport());
    if (prepared.isEmpty()) {
      report(failure(TransportError.Kind.SEND_FAILED, destination, request,
          "the request has no top Via that matches RFC 3261 §25"));
      return;
    }
    if (destination.transport() == Transport.UDP
        && ViaRules.requiresCongestionControl(prepared.get().toBytes().length, java.util.OptionalInt.empty())) {
      Endpoint overTcp = new Endpoint(Transport.TCP, destination.address());
      send(prepare(request, Transport.TCP).orElseThrow(), overTcp, error -> {
        //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.1
        //# If an element sends a request over TCP because of these message size
        //# constraints, and that request would have otherwise been sent over
        //# UDP, if the attempt to establish the connection generates either an
        //# ICMP Protocol Not Supported, or results in a TCP reset, the element
        //# SHOULD retry the request, using UDP.
        if (error.kind() == TransportError.Kind.CONNECT_FAILED) {
          send(prepared.get(), destination, this::report);
        } else {
          report(error);
        }
      });
      return;
    }
    send(prepared.get(), destination, this::report);
  }

  @Override
  public void sendResponse(SipResponse response, IncomingMessage request) {
    Optional<Connection> open = request.connection().filter(this::isOpen);
    Optional<ResponseRoute> route = org.sipstrata.transport.internal.TopVia.text(response)
        .flatMap(via -> ViaRules.routeResponse(via, open));
    if (route.isEmpty()) {
      if (open.isPresent()) {
        write(connectionsById.get(open.get().id()), response);
      } else {
        report(failure(TransportError.Kind.SEND_FAILED, new Endpoint(request.transport(), request.source()),
            response, "the response has no top Via that RFC 3261 §18.2.2 can route"));
      }
      return;
    }
    ResponseRoute r = route.get();
    if (r.rule() == ResponseRoute.Rule.SAME_CONNECTION) {
      write(connectionsById.get(r.connection().orElseThrow().id()), response);
      return;
    }
    Optional<InetAddress> ip = IpLiterals.parse(r.host());
    if (ip.isEmpty()) {
      report(new TransportError(TransportError.Kind.SEND_FAILED, r.transport(), Optional.empty(),
          Optional.of(response), Optional.empty(), "the simulated network has no DNS: " + r.host()));
      return;
    }
    send(response, new Endpoint(r.transport(), new TransportAddress(ip.get(), r.port())), this::report);
  }

  /** Detaches from the network and closes every connection. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    new ArrayList<>(connectionsById.values()).forEach(side -> side.close("the transport is closed"));
    network.detach(this);
  }

  // ------------------------------------------------------------------------------------------

  private Optional<SipRequest> prepare(SipRequest request, Transport transport) {
    return ViaRules.prepareRequest(request, transport, sentByValues().get(0), true);
  }

  private void send(SipMessage message, Endpoint destination, java.util.function.Consumer<TransportError> onFailure) {
    if (closed) {
      onFailure.accept(failure(TransportError.Kind.SEND_FAILED, destination, message, "the transport is closed"));
      return;
    }
    byte[] octets = message.toBytes();
    switch (destination.transport()) {
      case UDP -> {
        if (octets.length > MAX_DATAGRAM) {
          onFailure.accept(failure(TransportError.Kind.SEND_FAILED, destination, message,
              "larger than a UDP datagram can be"));
        } else {
          network.datagram(address, destination.address(), octets);
        }
      }
      case TCP -> {
        Optional<Side> side = connectionTo(destination.address());
        if (side.isEmpty()) {
          onFailure.accept(failure(TransportError.Kind.CONNECT_FAILED, destination, message,
              "refused: nobody listens at " + destination + " or the path is partitioned"));
        } else {
          write(side.get(), message);
        }
      }
      case TLS -> onFailure.accept(failure(TransportError.Kind.SEND_FAILED, destination, message,
          "TLS is not simulated"));
      default -> throw new IllegalArgumentException(destination.toString());
    }
  }

  private Optional<Side> connectionTo(TransportAddress farEnd) {
    Side existing = connectionsByFarEnd.get(new Endpoint(Transport.TCP, farEnd));
    if (existing != null && existing.open) {
      return Optional.of(existing);
    }
    Optional<SimulatedTransport> server = network.host(farEnd);
    if (server.isEmpty() || server.get().closed
        || network.isPartitioned(address.address(), farEnd.address())) {
      return Optional.empty();
    }
    TransportAddress local = new TransportAddress(address.address(), nextEphemeralPort++);
    long id = network.nextConnectionId();
    Side mine = new Side(this, new Connection(id, Transport.TCP, local, farEnd));
    Side theirs = new Side(server.get(), new Connection(id, Transport.TCP, farEnd, local));
    mine.peer = theirs;
    theirs.peer = mine;
    register(mine);
    server.get().register(theirs);
    return Optional.of(mine);
  }

  private void register(Side side) {
    connectionsById.put(side.handle.id(), side);
    connectionsByFarEnd.put(new Endpoint(Transport.TCP, side.handle.remote()), side);
  }

  private void write(Side side, SipMessage message) {
    if (side == null || !side.open) {
      report(new TransportError(TransportError.Kind.SEND_FAILED, Transport.TCP, Optional.empty(),
          Optional.of(message), Optional.empty(), "the connection is closed"));
      return;
    }
    side.transmit(message.toBytes());
  }

  void receiveDatagram(byte[] octets, TransportAddress source) {
    if (closed) {
      return;
    }
    switch (SipFraming.datagram(octets, 0, octets.length, SyntaxLimits.defaults())) {
      case FramingResult.Framed framed -> accept(framed, Transport.UDP, source, Optional.empty());
      case FramingResult.Failed failed -> listener.onError(new TransportError(
          TransportError.Kind.DATAGRAM_DROPPED, Transport.UDP, Optional.of(source), Optional.empty(),
          Optional.of(failed.error()), "datagram dropped: " + failed.error().message()));
      case FramingResult.NeedMore needMore -> {
        // Datagram framing never asks for more.
      }
    }
  }

  private void accept(FramingResult.Framed framed, Transport transport, TransportAddress source,
      Optional<Connection> connection) {
    switch (Inbound.accept(framed, transport, source, address, connection, sentByValues())) {
      case Inbound.PassUp up -> listener.onMessage(up.message());
      case Inbound.Discard discard -> listener.onError(discard.error());
    }
  }

  void breakConnectionsTo(Predicate<InetAddress> partitioned) {
    for (Side side : new ArrayList<>(connectionsById.values())) {
      if (partitioned.test(side.handle.remote().address())) {
        side.close("the network path is partitioned");
      }
    }
  }

  private void report(TransportError error) {
    network.scheduler().execute(() -> listener.onError(error));
  }

  private static TransportError failure(
      TransportError.Kind kind, Endpoint destination, SipMessage message, String detail) {
    return new TransportError(kind, destination.transport(), Optional.of(destination.address()),
        Optional.of(message), Optional.empty(), detail);
  }

  /** One side of a simulated TCP connection: in-order delivery to the peer, a stream decoder for input. */
  private static final class Side {
    private final SimulatedTransport owner;
    private final Connection handle;
    private final StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
    private Side peer;
    private boolean open = true;
    private Instant lastDelivery = Instant.MIN;

    Side(SimulatedTransport owner, Connection handle) {
      this.owner = owner;
      this.handle = handle;
    }

    void transmit(byte[] octets) {
      Scheduler scheduler = owner.network.scheduler();
      Instant now = scheduler.now();
      Instant at = now.plus(owner.network.streamDelay());
      // A stream keeps its order even if the delay setting changed in between.
      if (at.isBefore(lastDelivery)) {
        at = lastDelivery;
      }
      lastDelivery = at;
      Side receiver = peer;
      scheduler.schedule(Duration.between(now, at), () -> receiver.receive(octets));
    }

    void receive(byte[] octets) {
      if (!open) {
        return;
      }
      decoder.feed(octets);
      for (FramingResult r = decoder.next(); !(r instanceof FramingResult.NeedMore); r = decoder.next()) {
        switch (r) {
          case FramingResult.Framed framed ->
              owner.accept(framed, Transport.TCP, handle.remote(), Optional.of(handle));
          case FramingResult.Failed failed -> {
            owner.listener.onError(new TransportError(TransportError.Kind.STREAM_FRAMING_ERROR,
                Transport.TCP, Optional.of(handle.remote()), Optional.empty(),
                Optional.of(failed.error()), "connection closed: " + failed.error().message()));
            close("the stream could not be framed");
            return;
          }
          case FramingResult.NeedMore needMore -> {
            // Unreachable: the loop stops at NeedMore.
          }
        }
      }
    }

    void close(String reason) {
      if (!open) {
        return;
      }
      open = false;
      owner.connectionsById.remove(handle.id(), this);
      owner.connectionsByFarEnd.remove(new Endpoint(Transport.TCP, handle.remote()), this);
      owner.report(new TransportError(TransportError.Kind.CONNECTION_CLOSED, Transport.TCP,
          Optional.of(handle.remote()), Optional.empty(), Optional.empty(), reason));
      if (peer != null) {
        peer.close(reason);
      }
    }
  }
}
