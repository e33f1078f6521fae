package org.sipstrata.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.sipstrata.spec.internal.CatalogFormat;

/**
 * The RFCs this project may cite, as sections and requirements, read from the catalog committed
 * under {@code org/sipstrata/spec/catalog/} (so builds need neither the network nor the RFC
 * folder). Each RFC is parsed on first use.
 */
public final class Catalog {

  private static final String RESOURCES = "catalog/";

  private final List<Integer> rfcs;
  private final IntFunction<RfcEntry> loader;
  private final Map<Integer, RfcEntry> loaded = new ConcurrentHashMap<>();

  private Catalog(List<Integer> rfcs, IntFunction<RfcEntry> loader) {
    this.rfcs = List.copyOf(rfcs);
    this.loader = loader;
  }

  /** The committed catalog. */
  public static Catalog load() {
    List<Integer> rfcs = new ArrayList<>();
    for (String line : resource("index.txt").split("\n")) {
      String s = line.strip();
      if (!s.isEmpty() && !s.startsWith("#")) {
        rfcs.add(Integer.parseInt(s));
      }
    }
    return new Catalog(
        rfcs,
        rfc ->
            CatalogFormat.read(
                resource(CatalogFormat.sectionsFile(rfc)),
                resource(CatalogFormat.requirementsFile(rfc))));
  }

  /** A catalog of the given entries, e.g. freshly extracted ones. */
  public static Catalog of(Collection<RfcEntry> entries) {
    Map<Integer, RfcEntry> byRfc = new TreeMap<>();
    for (RfcEntry e : entries) {
      byRfc.put(e.rfc(), e);
    }
    return new Catalog(new ArrayList<>(byRfc.keySet()), byRfc::get);
  }

  /** The RFC numbers in the catalog, ascending. */
  public List<Integer> rfcs() {
    return rfcs;
  }

  /** The RFC with this number, if the catalog has it. */
  public Optional<RfcEntry> rfc(int rfc) {
    if (!rfcs.contains(rfc)) {
      return Optional.empty();
    }
    return Optional.of(loaded.computeIfAbsent(rfc, loader::apply));
  }

  private static String resource(String name) {
    try (InputStream in = Catalog.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("catalog resource missing: " + RESOURCES + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
