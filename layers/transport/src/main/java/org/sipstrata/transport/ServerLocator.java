package org.sipstrata.transport;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.sipstrata.syntax.SipUri;
import org.sipstrata.syntax.Via;
import org.sipstrata.transport.internal.IpLiterals;

/**
 * Locating SIP servers (RFC 3263): a SIP or SIPS URI to the ordered list of (transport, address,
 * port) to try, the next one after a failure (§4.3: a transport error, a 503, or Timer B/F); and a
 * Via {@code sent-by} to the places a response can go when the usual one failed (§5).
 *
 * <p>The algorithm works over the {@link Dns} interface — NAPTR, SRV and address queries — so it
 * can be run against an in-memory zone; {@link #withDnsjava} answers them from real DNS.
 */
public final class ServerLocator {

  /** The DNS queries RFC 3263 needs. An empty list means no records (or the name does not exist). */
  public interface Dns {
    List<Naptr> naptr(String domain);

    List<Srv> srv(String name);

    /** A records, then AAAA records. */
    List<InetAddress> addresses(String host);
  }

  /** A NAPTR record (RFC 2915) as RFC 3263 §4.1 uses it. */
  public record Naptr(int order, int preference, String flags, String service, String replacement) {}

  /** An SRV record (RFC 2782). */
  public record Srv(int priority, int weight, int port, String target) {}

  private final Dns dns;
  private final Set<Transport> supported;
  private final RandomGenerator random;

  /**
   * @param dns where the records come from
   * @param supported the transports this client runs (NAPTR services for others are discarded)
   * @param random for RFC 2782's weighted choice among SRV records of equal priority
   */
  public ServerLocator(Dns dns, Set<Transport> supported, RandomGenerator random) {
    this.dns = Objects.requireNonNull(dns);
    this.supported = Set.copyOf(supported);
    this.random = Objects.requireNonNull(random);
  }

  /** A locator answered by the system's DNS servers through dnsjava. */
  public static ServerLocator withDnsjava(Set<Transport> supported, RandomGenerator random) {
    return new ServerLocator(new org.sipstrata.transport.internal.DnsjavaLookup(), supported, random);
  }

  /**
   * The targets for a request to {@code uri}, in the order to try them (RFC 3263 §4). Empty when
   * nothing can be found.
   */
  public List<Endpoint> locate(SipUri uri) {
    //= https://www.rfc-editor.org/rfc/rfc3263#section-4
    //# We define TARGET as the value of the maddr parameter of the URI, if
    //# present, otherwise, the host value of the hostport component of the
    //# URI.
    String target = uri.maddr().orElse(uri.host().text());
    Optional<InetAddress> numeric = IpLiterals.parse(target);
    OptionalInt port = uri.port();
    if (port.isPresent() && port.getAsInt() > 65535) {
      return List.of(); // port = 1*DIGIT in RFC 3261 §25.1, but no such port exists
    }
    boolean sips = uri.secure();
    Transport fallback = sips ? Transport.TLS : Transport.UDP;
    Optional<Transport> explicit = uri.transport().flatMap(t -> transportParam(t, sips));

    if (uri.transport().isPresent() && explicit.isEmpty()) {
      return List.of(); // a transport this client does not run (e.g. sctp)
    }
    //= https://www.rfc-editor.org/rfc/rfc3263#section-4.2
    //# If TARGET is a numeric IP address, the client uses that address.  If
    //# the URI also contains a port, it uses that port.  If no port is
    //# specified, it uses the default port for the particular transport
    //# protocol.
    if (numeric.isPresent()) {
      //= https://www.rfc-editor.org/rfc/rfc3263#section-4.1
      //# Otherwise, if no transport protocol is specified, but the TARGET is a
      //# numeric IP address, the client SHOULD use UDP for a SIP URI, and TCP
      //# for a SIPS URI.
      Transport t = explicit.orElse(fallback);
      return List.of(endpoint(t, numeric.get(), port.orElse(t.defaultPort())));
    }
    //= https://www.rfc-editor.org/rfc/rfc3263#section-4.2
    //# If the TARGET was not a numeric IP address, but a port is present in
    //# the URI, the client performs an A or AAAA record lookup of the domain
    //# name.
    if (port.isPresent()) {
      Transport t = explicit.orElse(fallback);
      return addresses(target, t, port.getAsInt());
    }
    if (explicit.isPresent()) {
      //= https://www.rfc-editor.org/rfc/rfc3263#section-4.2
      //# If it was not, because a transport was specified
      //# explicitly, the client performs an SRV query for that specific
      //# transport, using the service identifier "_sips" for SIPS URIs.
      List<Endpoint> found = srvTargets(srvName(explicit.get(), target), explicit.get());
      return found.isEmpty() ? addresses(target, explicit.get(), explicit.get().defaultPort()) : found;
    }
    //= https://www.rfc-editor.org/rfc/rfc3263#section-4.1
    //# Otherwise, if no transport protocol or port is specified, and the
    //# target is not a numeric IP address, the client SHOULD perform a NAPTR
    //# query for the domain in the URI.
    List<Naptr> naptrs = new ArrayList<>(dns.naptr(stripDot(target)));
    naptrs.sort(Comparator.comparingInt(Naptr::order).thenComparingInt(Naptr::preference));
    for (Naptr naptr : naptrs) {
      Optional<Transport> t = naptrTransport(naptr, sips);
      if (t.isPresent() && naptr.flags().equalsIgnoreCase("s")) {
        List<Endpoint> found = srvTargets(naptr.replacement(), t.get());
        if (!found.isEmpty()) {
          return found;
        }
      }
    }
    //= https://www.rfc-editor.org/rfc/rfc3263#section-4.1
    //# If no NAPTR records are found, the client constructs SRV queries for
    //# those transport protocols it supports, and does a query for each.
    for (Transport t : sips ? List.of(Transport.TLS) : List.of(Transport.UDP, Transport.TCP, Transport.TLS)) {
      if (supported.contains(t)) {
        List<Endpoint> found = srvTargets(srvName(t, target), t);
        if (!found.isEmpty()) {
          return found;
        }
      }
    }
    //= https://www.rfc-editor.org/rfc/rfc3263#section-4.2
    //# If no SRV records were found, the client performs an A or AAAA record
    //# lookup of the domain name.
    return addresses(target, fallback, fallback.defaultPort());
  }

  /**
   * Where a response can go when sending it as RFC 3261 §18.2.2 says failed (RFC 3263 §5): the
   * {@code sent-by} of the top Via, resolved.
   */
  public List<Endpoint> locateSentBy(Via via) {
    Optional<Transport> maybe = Transport.fromToken(via.transport());
    if (maybe.isEmpty()) {
      return List.of();
    }
    Transport t = maybe.get();
    if (via.port().isPresent() && via.port().getAsInt() > 65535) {
      return List.of();
    }
    String host = via.host().text();
    Optional<InetAddress> numeric = IpLiterals.parse(host);
    //= https://www.rfc-editor.org/rfc/rfc3263#section-5
    //# If it contains a numeric IP
    //# address, the server attempts to send the response to that address,
    //# using the transport protocol from the Via header, and the port from
    //# sent-by, if present, else the default for that transport protocol.
    if (numeric.isPresent()) {
      return List.of(endpoint(t, numeric.get(), via.port().orElse(t.defaultPort())));
    }
    //= https://www.rfc-editor.org/rfc/rfc3263#section-5
    //# If, however, the sent-by field contained a domain name and a port
    //# number, the server queries for A or AAAA records with that name.
    if (via.port().isPresent()) {
      return addresses(host, t, via.port().getAsInt());
    }
    //= https://www.rfc-editor.org/rfc/rfc3263#section-5
    //# If, however, the sent-by field contained a domain name and no port,
    //# the server queries for SRV records at that domain name using the
    //# service identifier "_sips" if the Via transport is "TLS", "_sip"
    //# otherwise, and the transport from the topmost Via header ("TLS"
    //# implies that the transport protocol in the SRV query is TCP).
    return srvTargets(srvName(t, host), t);
  }

  /**
   * SRV records in the order RFC 2782 says to try them: by priority, and within a priority by a
   * weighted random choice; a target of "." (the service is not offered) is left out.
   */
  public List<Srv> order(List<Srv> records) {
    List<Srv> remaining = new ArrayList<>(records.stream().filter(r -> !r.target().equals(".")).toList());
    remaining.sort(Comparator.comparingInt(Srv::priority).thenComparing(Srv::target));
    List<Srv> ordered = new ArrayList<>();
    while (!remaining.isEmpty()) {
      int priority = remaining.get(0).priority();
      List<Srv> group = new ArrayList<>(remaining.stream().filter(r -> r.priority() == priority).toList());
      remaining.removeAll(group);
      // RFC 2782 "Usage rules": weight-0 records first, then pick by running sum of weights.
      group.sort(Comparator.comparing((Srv r) -> r.weight() != 0));
      while (!group.isEmpty()) {
        int sum = group.stream().mapToInt(Srv::weight).sum();
        int pick = sum == 0 ? 0 : random.nextInt(sum + 1);
        int running = 0;
        for (int i = 0; i < group.size(); i++) {
          running += group.get(i).weight();
          if (running >= pick) {
            ordered.add(group.remove(i));
            break;
          }
        }
      }
    }
    return ordered;
  }

  private List<Endpoint> srvTargets(String name, Transport transport) {
    List<Endpoint> out = new ArrayList<>();
    for (Srv srv : order(dns.srv(stripDot(name)))) {
      out.addAll(addresses(stripDot(srv.target()), transport, srv.port()));
    }
    return out;
  }

  private List<Endpoint> addresses(String host, Transport transport, int port) {
    if (!supported.contains(transport)) {
      return List.of();
    }
    return dns.addresses(stripDot(host)).stream().map(a -> endpoint(transport, a, port)).toList();
  }

  private static Endpoint endpoint(Transport transport, InetAddress address, int port) {
    return new Endpoint(transport, new TransportAddress(address, port));
  }

  private static String srvName(Transport transport, String domain) {
    String service = transport == Transport.TLS ? "_sips" : "_sip";
    String protocol = transport == Transport.UDP ? "_udp" : "_tcp";
    return service + "." + protocol + "." + stripDot(domain);
  }

  private static String stripDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /** The transport a URI's {@code transport} parameter names; for a SIPS URI, TCP means TLS. */
  private Optional<Transport> transportParam(String value, boolean sips) {
    Optional<Transport> t = Transport.fromToken(value);
    if (sips && t.equals(Optional.of(Transport.TCP))) {
      t = Optional.of(Transport.TLS);
    }
    return t.filter(supported::contains);
  }

  private Optional<Transport> naptrTransport(Naptr naptr, boolean sips) {
    String service = naptr.service().toUpperCase(Locale.ROOT);
    //= https://www.rfc-editor.org/rfc/rfc3263#section-4.1
    //# First, a client resolving a SIPS URI MUST discard any services that
    //# do not contain "SIPS" as the protocol in the service field.
    if (sips && !service.startsWith("SIPS+")) {
      return Optional.empty();
    }
    //= https://www.rfc-editor.org/rfc/rfc3263#section-4.1
    //# Second, a client MUST discard any service fields that identify
    //# a resolution service whose value is not "D2X", for values of X that
    //# indicate transport protocols supported by the client.
    Optional<Transport> t = switch (service) {
      case "SIP+D2U" -> Optional.of(Transport.UDP);
      case "SIP+D2T" -> Optional.of(Transport.TCP);
      case "SIPS+D2T" -> Optional.of(Transport.TLS);
      default -> Optional.empty();
    };
    return t.filter(supported::contains);
  }
}
