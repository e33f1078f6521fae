package org.sipstrata.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.syntax.SipUri;
import org.sipstrata.syntax.Via;

@DisplayName("RFC 3263 server location against an in-memory zone")
class ServerLocatorTest {

  /** An in-memory zone: the records of each name. */
  static final class Zone implements ServerLocator.Dns {
    final Map<String, List<ServerLocator.Naptr>> naptr = new HashMap<>();
    final Map<String, List<ServerLocator.Srv>> srv = new HashMap<>();
    final Map<String, List<InetAddress>> addresses = new HashMap<>();
    final List<String> queries = new ArrayList<>();

    Zone naptr(String name, int order, int pref, String service, String replacement) {
      naptr.computeIfAbsent(name, k -> new ArrayList<>())
          .add(new ServerLocator.Naptr(order, pref, "s", service, replacement));
      return this;
    }

    Zone srv(String name, int priority, int weight, int port, String target) {
      srv.computeIfAbsent(name, k -> new ArrayList<>()).add(new ServerLocator.Srv(priority, weight, port, target));
      return this;
    }

    Zone a(String name, String... ips) throws Exception {
      for (String ip : ips) {
        addresses.computeIfAbsent(name, k -> new ArrayList<>()).add(InetAddress.getByName(ip));
      }
      return this;
    }

    @Override
    public List<ServerLocator.Naptr> naptr(String domain) {
      queries.add("NAPTR " + domain);
      return naptr.getOrDefault(domain, List.of());
    }

    @Override
    public List<ServerLocator.Srv> srv(String name) {
      queries.add("SRV " + name);
      return srv.getOrDefault(name, List.of());
    }

    @Override
    public List<InetAddress> addresses(String host) {
      queries.add("A/AAAA " + host);
      return addresses.getOrDefault(host, List.of());
    }
  }

  private static final Set<Transport> UDP_TCP = Set.of(Transport.UDP, Transport.TCP);
  private static final Set<Transport> ALL = Set.of(Transport.UDP, Transport.TCP, Transport.TLS);

  private static SipUri uri(String text) {
    return SipUri.parse(text).toOptional().orElseThrow();
  }

  private static List<String> locate(Zone zone, Set<Transport> supported, String uri) {
    return new ServerLocator(zone, supported, new Random(1)).locate(uri(uri)).stream()
        .map(Endpoint::toString).toList();
  }

  /** The example of RFC 3263 §4.1. */
  private static Zone example() throws Exception {
    return new Zone()
        .naptr("example.com", 50, 50, "SIPS+D2T", "_sips._tcp.example.com.")
        .naptr("example.com", 90, 50, "SIP+D2T", "_sip._tcp.example.com")
        .naptr("example.com", 100, 50, "SIP+D2U", "_sip._udp.example.com.")
        .srv("_sip._tcp.example.com", 0, 1, 5060, "server1.example.com")
        .srv("_sip._tcp.example.com", 0, 2, 5060, "server2.example.com")
        .srv("_sips._tcp.example.com", 0, 1, 5061, "tls.example.com.")
        .srv("_sip._udp.example.com", 0, 1, 5060, "server1.example.com")
        .a("server1.example.com", "192.0.2.1")
        .a("server2.example.com", "192.0.2.2")
        .a("tls.example.com", "192.0.2.3");
  }

  //= https://www.rfc-editor.org/rfc/rfc3263#section-4.2
  //= type=test
  //# If TARGET is a numeric IP address, the client uses that address.  If
  //# the URI also contains a port, it uses that port.  If no port is
  //# specified, it uses the default port for the particular transport
  //# protocol.
  @Test
  @DisplayName("numeric targets need no DNS: UDP for sip, TLS for sips, the transport parameter wins")
  void numeric() throws Exception {
    Zone zone = new Zone();
    assertThat(locate(zone, ALL, "sip:192.0.2.4")).containsExactly("udp:192.0.2.4:5060");
    assertThat(locate(zone, ALL, "sips:192.0.2.4")).containsExactly("tls:192.0.2.4:5061");
    assertThat(locate(zone, ALL, "sip:bob@192.0.2.4:5070;transport=tcp")).containsExactly("tcp:192.0.2.4:5070");
    assertThat(locate(zone, ALL, "sips:192.0.2.4;transport=tcp")).containsExactly("tls:192.0.2.4:5061");
    assertThat(locate(zone, ALL, "sip:[2001:db8::1]")).containsExactly("udp:[2001:db8:0:0:0:0:0:1]:5060");
    assertThat(locate(zone, ALL, "sip:alice@atlanta.com;maddr=192.0.2.9")).containsExactly("udp:192.0.2.9:5060");
    assertThat(locate(zone, ALL, "sip:192.0.2.4;transport=sctp")).isEmpty();
    // The grammar's port is 1*DIGIT; a URI built in code can carry a port that does not exist.
    SipUri noSuchPort = new SipUri(false, java.util.Optional.empty(), java.util.Optional.empty(),
        new org.sipstrata.syntax.Host(org.sipstrata.syntax.Host.Kind.IPV4_ADDRESS, "192.0.2.4"),
        java.util.OptionalInt.of(99999), org.sipstrata.syntax.Parameters.none(), List.of());
    assertThat(new ServerLocator(zone, ALL, new Random(1)).locate(noSuchPort)).isEmpty();
    assertThat(zone.queries).isEmpty();
  }

  @Test
  @DisplayName("a host name with a port: A/AAAA records only, each address in turn at that port")
  void hostWithPort() throws Exception {
    Zone zone = example().a("multi.example.com", "192.0.2.10", "2001:db8::10");
    assertThat(locate(zone, ALL, "sip:multi.example.com:5080"))
        .containsExactly("udp:192.0.2.10:5080", "udp:[2001:db8:0:0:0:0:0:10]:5080");
    assertThat(zone.queries).containsExactly("A/AAAA multi.example.com");
  }

  //= https://www.rfc-editor.org/rfc/rfc3263#section-4.1
  //= type=test
  //# Second, a client MUST discard any service fields that identify
  //# a resolution service whose value is not "D2X", for values of X that
  //# indicate transport protocols supported by the client.
  @Test
  @DisplayName("the NAPTR example of §4.1: a client of UDP and TCP gets TCP via _sip._tcp; with TLS, TLS first")
  void naptrExample() throws Exception {
    assertThat(locate(example(), UDP_TCP, "sip:user@example.com"))
        .containsExactlyInAnyOrder("tcp:192.0.2.1:5060", "tcp:192.0.2.2:5060");
    assertThat(locate(example(), ALL, "sip:user@example.com")).containsExactly("tls:192.0.2.3:5061");
  }

  //= https://www.rfc-editor.org/rfc/rfc3263#section-4.1
  //= type=test
  //# First, a client resolving a SIPS URI MUST discard any services that
  //# do not contain "SIPS" as the protocol in the service field.
  @Test
  @DisplayName("a SIPS URI keeps only SIPS services")
  void sipsDiscardsSip() throws Exception {
    Zone zone = example();
    zone.naptr.put("example.com", List.of(
        new ServerLocator.Naptr(10, 10, "s", "SIP+D2T", "_sip._tcp.example.com"),
        new ServerLocator.Naptr(20, 10, "s", "SIPS+D2T", "_sips._tcp.example.com")));
    assertThat(locate(zone, ALL, "sips:user@example.com")).containsExactly("tls:192.0.2.3:5061");
  }

  //= https://www.rfc-editor.org/rfc/rfc3263#section-4.1
  //= type=test
  //# If no NAPTR records are found, the client constructs SRV queries for
  //# those transport protocols it supports, and does a query for each.
  @Test
  @DisplayName("no NAPTR: SRV per supported transport; no SRV either: A/AAAA at the default port over UDP")
  void fallbacks() throws Exception {
    Zone srvOnly = new Zone().srv("_sip._tcp.b.example", 0, 0, 5070, "h.b.example").a("h.b.example", "192.0.2.20");
    assertThat(locate(srvOnly, UDP_TCP, "sip:b.example")).containsExactly("tcp:192.0.2.20:5070");
    assertThat(srvOnly.queries).containsExactly(
        "NAPTR b.example", "SRV _sip._udp.b.example", "SRV _sip._tcp.b.example", "A/AAAA h.b.example");

    Zone aOnly = new Zone().a("c.example", "192.0.2.30");
    assertThat(locate(aOnly, UDP_TCP, "sip:c.example")).containsExactly("udp:192.0.2.30:5060");
    assertThat(locate(new Zone(), UDP_TCP, "sip:nowhere.example")).isEmpty();
  }

  @Test
  @DisplayName("an explicit transport without port: the SRV query of that transport")
  void explicitTransport() throws Exception {
    assertThat(locate(example(), ALL, "sip:example.com;transport=udp")).containsExactly("udp:192.0.2.1:5060");
  }

  @Test
  @DisplayName("RFC 2782 order: by priority; within one, weighted random; '.' dropped; weight 0 kept")
  void srvOrder() {
    ServerLocator locator = new ServerLocator(new Zone(), ALL, new Random(42));
    List<ServerLocator.Srv> records = List.of(
        new ServerLocator.Srv(20, 0, 5060, "late.example"),
        new ServerLocator.Srv(10, 1, 5060, "light.example"),
        new ServerLocator.Srv(10, 3, 5060, "heavy.example"),
        new ServerLocator.Srv(10, 0, 5060, "zero.example"),
        new ServerLocator.Srv(5, 0, 5060, "."));
    int heavyFirst = 0;
    int draws = 10_000;
    for (int i = 0; i < draws; i++) {
      List<String> order = locator.order(records).stream().map(ServerLocator.Srv::target).toList();
      assertThat(order).hasSize(4).endsWith("late.example").doesNotContain(".");
      if (order.indexOf("heavy.example") < order.indexOf("light.example")) {
        heavyFirst++;
      }
    }
    // Weight 3 against weight 1: heavy is chosen before light about 3 times in 4.
    assertThat(heavyFirst).isBetween(7_000, 8_000);
  }

  //= https://www.rfc-editor.org/rfc/rfc3263#section-5
  //= type=test
  //# If, however, the sent-by field contained a domain name and no port,
  //# the server queries for SRV records at that domain name using the
  //# service identifier "_sips" if the Via transport is "TLS", "_sip"
  //# otherwise, and the transport from the topmost Via header ("TLS"
  //# implies that the transport protocol in the SRV query is TCP).
  @Test
  @DisplayName("§5: a sent-by is numeric, a name with port (A/AAAA), or a name without port (SRV)")
  void sentBy() throws Exception {
    ServerLocator locator = new ServerLocator(example(), ALL, new Random(3));
    assertThat(locator.locateSentBy(Via.parse("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bK1").toOptional().orElseThrow()))
        .extracting(Endpoint::toString).containsExactly("udp:192.0.2.7:5060");
    assertThat(locator.locateSentBy(Via.parse("SIP/2.0/TCP server2.example.com:5090").toOptional().orElseThrow()))
        .extracting(Endpoint::toString).containsExactly("tcp:192.0.2.2:5090");
    assertThat(locator.locateSentBy(Via.parse("SIP/2.0/TLS example.com").toOptional().orElseThrow()))
        .extracting(Endpoint::toString).containsExactly("tls:192.0.2.3:5061");
    assertThat(locator.locateSentBy(Via.parse("SIP/2.0/UDP example.com").toOptional().orElseThrow()))
        .extracting(Endpoint::toString).containsExactly("udp:192.0.2.1:5060");
  }
}
