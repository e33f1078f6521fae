package org.sipstrata.transport;

import java.net.InetAddress;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.sipstrata.syntax.Host;
import org.sipstrata.syntax.Parameter;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.syntax.Via;
import org.sipstrata.transport.internal.IpLiterals;
import org.sipstrata.transport.internal.TopVia;

/**
 * The Via rules of RFC 3261 §18 and RFC 3581 as pure functions: a message and addresses in, a
 * message or a decision out. {@link SipTransport} applies them to every message it sends and
 * receives; they are public so that each rule can be read and tested without sockets.
 *
 * <p>A top Via value that does not match the Via rule of §25 gives an empty result: no rule of §18
 * can be applied to it.
 */
public final class ViaRules {

  /** Bytes below the path MTU that a UDP request must stay (RFC 3261 §18.1.1). */
  public static final int MTU_MARGIN = 200;

  /** The size above which a request goes over TCP when the path MTU is unknown (RFC 3261 §18.1.1). */
  public static final int UNKNOWN_MTU_LIMIT = 1300;

  private static final int MAX_PORT = 65535;

  private ViaRules() {}

  /** A {@code sent-by} as this transport writes it: host and port. */
  public record SentBy(String host, int port) {
    /** {@code host:port}, IPv6 in brackets. */
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /**
   * Whether a request of {@code size} octets must go over a congestion-controlled transport (TCP)
   * instead of UDP.
   */
  public static boolean requiresCongestionControl(int size, OptionalInt pathMtu) {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.1
    //# If a request is within 200 bytes of the path MTU, or if it is larger
    //# than 1300 bytes and the path MTU is unknown, the request MUST be sent
    //# using an RFC 2914 [43] congestion controlled transport protocol, such
    //# as TCP.
    return pathMtu.isPresent() ? size > pathMtu.getAsInt() - MTU_MARGIN : size > UNKNOWN_MTU_LIMIT;
  }

  /**
   * The request as the client transport sends it over {@code transport}: the top Via's transport and
   * {@code sent-by} set, and an empty {@code rport} added when {@code addRport} (unless one is there).
   * Empty if the request has no readable top Via.
   */
  public static Optional<SipRequest> prepareRequest(
      SipRequest request, Transport transport, SentBy sentBy, boolean addRport) {
    Host host = new Host(
        sentBy.host().startsWith("[") ? Host.Kind.IPV6_REFERENCE
            : IpLiterals.parse(sentBy.host()).isPresent() ? Host.Kind.IPV4_ADDRESS : Host.Kind.HOSTNAME,
        sentBy.host());
    Optional<SipRequest> prepared = TopVia.replace(
        request,
        via -> {
          //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.1
          //# If this causes a change in the transport protocol from the
          //# one indicated in the top Via, the value in the top Via MUST be
          //# changed.
          //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.1
          //# Before a request is sent, the client transport MUST insert a value of
          //# the "sent-by" field into the Via header field.
          Via result = new Via(via.protocolName(), via.protocolVersion(), transport.token(),
              host, OptionalInt.of(sentBy.port()), via.parameters());
          if (addRport && !result.hasRport()) {
            //= https://www.rfc-editor.org/rfc/rfc3581#section-3
            //# A client, compliant to this specification (clients include UACs and
            //# proxies), MAY include an "rport" parameter in the top Via header
            //# field value of requests it generates.  This parameter MUST have no
            //# value; it serves as a flag to indicate to the server that this
            //# extension is supported and requested for the transaction.
            result = result.with(Parameter.flag("rport"));
          }
          return result;
        });
    // A configured sent-by host that is not a host of §25 would make the Via unreadable.
    return prepared.filter(r -> TopVia.of(r).isPresent());
  }

  /**
   * Whether the top Via {@code sent-by} of a response is one of {@code ours}, the values the client
   * transport inserts. A {@code sent-by} without port means the default port of its transport.
   */
  public static boolean isSentByOurs(SipResponse response, Collection<SentBy> ours) {
    Optional<Via> top = TopVia.of(response);
    if (top.isEmpty()) {
      return false;
    }
    Via via = top.get();
    Optional<Transport> transport = Transport.fromToken(via.transport());
    int port = via.port().orElse(transport.map(Transport::defaultPort).orElse(5060));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.2
    //# When a response is received, the client transport examines the top
    //# Via header field value.  If the value of the "sent-by" parameter in
    //# that header field value does not correspond to a value that the
    //# client transport is configured to insert into requests, the response
    //# MUST be silently discarded.
    return ours.stream().anyMatch(s -> s.port() == port && sameHost(s.host(), via.host().text()));
  }

  /**
   * The request as the server transport passes it up: {@code received} added to the top Via when
   * the {@code sent-by} host is a name or an address other than {@code source}, or when the Via asks
   * for {@code rport}; an empty {@code rport} filled with the source port. Empty if the request has
   * no readable top Via.
   */
  public static Optional<SipRequest> stampReceived(SipRequest request, TransportAddress source) {
    return TopVia.replace(
        request,
        via -> {
          String sourceIp = IpLiterals.unbracket(source.hostText());
          Optional<InetAddress> sentByIp = IpLiterals.parse(via.host().text());
          boolean rportRequested = via.parameters().get("rport").filter(p -> p.value().isEmpty()).isPresent();
          Via result = via;
          //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.1
          //# If the host portion of the "sent-by" parameter
          //# contains a domain name, or if it contains an IP address that differs
          //# from the packet source address, the server MUST add a "received"
          //# parameter to that Via header field value.  This parameter MUST
          //# contain the source address from which the packet was received.
          boolean differs = sentByIp.isEmpty() || !sentByIp.get().equals(source.address());
          //= https://www.rfc-editor.org/rfc/rfc3581#section-4
          //# In fact, the server MUST insert a "received" parameter
          //# containing the source IP address that the request came from, even if
          //# it is identical to the value of the "sent-by" component.
          if (differs || rportRequested) {
            result = result.with(Parameter.of("received", sourceIp));
          }
          //= https://www.rfc-editor.org/rfc/rfc3581#section-4
          //# If this Via header field value contains an "rport" parameter
          //# with no value, it MUST set the value of the parameter to the source
          //# port of the request.
          if (rportRequested) {
            result = result.with(Parameter.of("rport", Integer.toString(source.port())));
          }
          return result;
        });
  }

  /**
   * Where a response goes (RFC 3261 §18.2.2 with the step RFC 3581 §4 adds), from its top Via value
   * and the connection its request arrived on if that connection is still open. Empty when the Via
   * does not match §25 or names a transport this layer does not run.
   *
   * @param topVia the top Via value of the response, e.g. {@code SIP/2.0/UDP pc33.atlanta.com;received=192.0.2.1}
   * @param openConnection the request's connection, present only if it is still open
   */
  public static Optional<ResponseRoute> routeResponse(String topVia, Optional<Connection> openConnection) {
    Optional<Via> parsed = Via.parse(topVia).toOptional();
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    Via via = parsed.get();
    Optional<Transport> maybeTransport = Transport.fromToken(via.transport());
    if (maybeTransport.isEmpty()) {
      return Optional.empty();
    }
    Transport transport = maybeTransport.get();
    if (via.port().isPresent() && via.port().getAsInt() > MAX_PORT) {
      return Optional.empty(); // port = 1*DIGIT in §25.1, but no such port exists
    }
    Optional<String> received = via.received().filter(r -> !r.isEmpty()).map(IpLiterals::unbracket);
    Optional<String> maddr = via.maddr().filter(m -> !m.isEmpty());
    String sentByHost = IpLiterals.unbracket(via.host().text());

    //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
    //# If the "sent-protocol" is a reliable transport protocol such as
    //# TCP or SCTP, or TLS over those, the response MUST be sent using
    //# the existing connection to the source of the original request
    //# that created the transaction, if that connection is still open.
    if (transport.isReliable()) {
      if (openConnection.isPresent()) {
        Connection c = openConnection.get();
        return Optional.of(new ResponseRoute(ResponseRoute.Rule.SAME_CONNECTION, transport,
            IpLiterals.unbracket(c.remote().hostText()), c.remote().port(), openConnection));
      }
      //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
      //# If that connection is no longer open, the server SHOULD open a
      //# connection to the IP address in the "received" parameter, if
      //# present, using the port in the "sent-by" value, or the default
      //# port for that transport, if no port is specified.
      return Optional.of(new ResponseRoute(ResponseRoute.Rule.NEW_CONNECTION, transport,
          received.orElse(sentByHost), via.port().orElse(transport.defaultPort()), Optional.empty()));
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
    //# Otherwise, if the Via header field value contains a "maddr"
    //# parameter, the response MUST be forwarded to the address listed
    //# there, using the port indicated in "sent-by", or port 5060 if
    //# none is present.
    if (maddr.isPresent()) {
      return Optional.of(new ResponseRoute(ResponseRoute.Rule.MADDR, transport,
          IpLiterals.unbracket(maddr.get()), via.port().orElse(5060), Optional.empty()));
    }
    //= https://www.rfc-editor.org/rfc/rfc3581#section-4
    //# If the "sent-protocol"
    //# component indicates an unreliable unicast transport protocol, such as
    //# UDP, and there is no "maddr" parameter, but there is both a
    //# "received" parameter and an "rport" parameter, the response MUST be
    //# sent to the IP address listed in the "received" parameter, and the
    //# port in the "rport" parameter.
    OptionalInt rport = via.rport();
    if (rport.isPresent() && rport.getAsInt() > MAX_PORT) {
      rport = OptionalInt.empty(); // not a port: RFC 3581 §4 does not apply
    }
    if (received.isPresent() && rport.isPresent()) {
      return Optional.of(new ResponseRoute(ResponseRoute.Rule.RECEIVED_RPORT, transport,
          received.get(), rport.getAsInt(), Optional.empty()));
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
    //# Otherwise (for unreliable unicast transports), if the top Via
    //# has a "received" parameter, the response MUST be sent to the
    //# address in the "received" parameter, using the port indicated
    //# in the "sent-by" value, or using port 5060 if none is specified
    //# explicitly.
    if (received.isPresent()) {
      return Optional.of(new ResponseRoute(ResponseRoute.Rule.RECEIVED, transport,
          received.get(), via.port().orElse(5060), Optional.empty()));
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
    //# Otherwise, if it is not receiver-tagged, the response MUST be
    //# sent to the address indicated by the "sent-by" value, using the
    //# procedures in Section 5 of [4].
    return Optional.of(new ResponseRoute(ResponseRoute.Rule.SENT_BY, transport,
        sentByHost, via.port().orElse(transport.defaultPort()), Optional.empty()));
  }

  private static boolean sameHost(String a, String b) {
    Optional<InetAddress> ipA = IpLiterals.parse(a);
    Optional<InetAddress> ipB = IpLiterals.parse(b);
    if (ipA.isPresent() || ipB.isPresent()) {
      return ipA.isPresent() && ipA.equals(ipB);
    }
    return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }
}
