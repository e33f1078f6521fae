package org.sipstrata.transport.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.sipstrata.transport.ServerLocator;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** {@link ServerLocator.Dns} answered by dnsjava, from the system's resolvers or a given one. */
public final class DnsjavaLookup implements ServerLocator.Dns {

  private final Resolver resolver;

  /** Queries the system's DNS servers. */
  public DnsjavaLookup() {
    this(null);
  }

  /** Queries {@code resolver} (e.g. a {@code SimpleResolver} for one server), without a cache. */
  public DnsjavaLookup(Resolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public List<ServerLocator.Naptr> naptr(String domain) {
    List<ServerLocator.Naptr> out = new ArrayList<>();
    for (Record r : query(domain, Type.NAPTR)) {
      if (r instanceof NAPTRRecord n) {
        out.add(new ServerLocator.Naptr(n.getOrder(), n.getPreference(), n.getFlags(),
            n.getService(), n.getReplacement().toString()));
      }
    }
    return out;
  }

  @Override
  public List<ServerLocator.Srv> srv(String name) {
    List<ServerLocator.Srv> out = new ArrayList<>();
    for (Record r : query(name, Type.SRV)) {
      if (r instanceof SRVRecord s) {
        out.add(new ServerLocator.Srv(s.getPriority(), s.getWeight(), s.getPort(), s.getTarget().toString()));
      }
    }
    return out;
  }

  @Override
  public List<InetAddress> addresses(String host) {
    List<InetAddress> out = new ArrayList<>();
    for (Record r : query(host, Type.A)) {
      if (r instanceof ARecord a) {
        out.add(a.getAddress());
      }
    }
    for (Record r : query(host, Type.AAAA)) {
      if (r instanceof AAAARecord a) {
        out.add(a.getAddress());
      }
    }
    return out;
  }

  private List<Record> query(String name, int type) {
    try {
      Lookup lookup = new Lookup(name.endsWith(".") ? name : name + ".", type);
      if (resolver != null) {
        lookup.setResolver(resolver);
        lookup.setCache(null);
      }
      Record[] records = lookup.run();
      return records == null ? List.of() : List.of(records);
    } catch (TextParseException e) {
      return List.of();
    }
  }
}
