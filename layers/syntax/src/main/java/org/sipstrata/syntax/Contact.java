package org.sipstrata.syntax;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The value of the Contact header field (RFC 3261 §20.10): {@code STAR / (contact-param *(COMMA
 * contact-param))}, over all its rows.
 *
 * @param wildcard whether a row is {@code *} (REGISTER only, §10.2.2)
 * @param addresses the contact addresses in order, with their parameters (expires, q, others);
 *     empty for a lone wildcard (a {@code *} row next to address rows is kept as both: a
 *     registrar refuses that combination, §10.3 step 6)
 */
public record Contact(boolean wildcard, List<NameAddress> addresses) {

  public Contact {
    addresses = List.copyOf(addresses);
  }

  /** {@code Contact: *}. */
  public static Contact star() {
    return new Contact(true, List.of());
  }

  /** The {@code expires} parameter of one address (§20.10: delta-seconds), when present. */
  public static OptionalLong expires(NameAddress address) {
    return address.parameters().value("expires")
        .filter(v -> !v.isEmpty() && v.length() <= 18 && v.chars().allMatch(Character::isDigit))
        .map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
  }

  /** The {@code q} parameter of one address ({@code qvalue}, 0 to 1), when present. */
  public static Optional<BigDecimal> q(NameAddress address) {
    return address.parameters().value("q")
        .filter(v -> v.matches("[01](\\.[0-9]{0,3})?")).map(BigDecimal::new);
  }

  @Override
  public String toString() {
    return wildcard ? "*"
        : addresses.stream().map(NameAddress::toString).collect(Collectors.joining(", "));
  }
}
