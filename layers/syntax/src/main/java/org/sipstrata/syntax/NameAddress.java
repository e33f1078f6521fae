package org.sipstrata.syntax;

import java.util.Objects;
import java.util.Optional;
import org.sipstrata.syntax.internal.HeaderTrees;

/**
 * An address in From, To, Contact, Route, Record-Route and Reply-To (RFC 3261 §20.10, §25.1):
 * {@code name-addr = [ display-name ] LAQUOT addr-spec RAQUOT} or a bare {@code addr-spec}, with
 * the header parameters that follow it ({@code ;tag=…}, {@code ;expires=…}, {@code ;lr} of a
 * Route is inside the URI, not here).
 *
 * <p>§20.10: when the URI is written without angle brackets, every parameter after it belongs to
 * the header, not to the URI — the grammar decides this, so {@code From: sip:a@b.example;tag=1}
 * gives a URI without parameters and a {@code tag} here.
 *
 * @param displayName the display name, unquoted (quoted-pairs resolved), when present
 * @param uri the URI
 * @param parameters the header parameters in order
 */
public record NameAddress(Optional<String> displayName, Uri uri, Parameters parameters) {

  public NameAddress {
    Objects.requireNonNull(displayName);
    Objects.requireNonNull(uri);
    Objects.requireNonNull(parameters);
  }

  /** An address with no display name and no parameters. */
  public static NameAddress of(Uri uri) {
    return new NameAddress(Optional.empty(), uri, Parameters.none());
  }

  /**
   * Parses {@code name-addr / addr-spec} followed by header parameters, as in a From header field
   * value (the {@code from-spec} rule of §25.1), e.g. {@code "Bob" <sip:bob@b.example>;tag=a6c85cf}.
   */
  public static Parsed<NameAddress> parse(CharSequence text) {
    return HeaderTrees.nameAddress(text.toString());
  }

  /** The {@code tag} parameter (§19.3), when present with a value. */
  public Optional<String> tag() {
    return parameters.value("tag");
  }

  /** This address with a tag parameter set (replacing any other). */
  public NameAddress withTag(String tag) {
    return new NameAddress(displayName, uri, parameters.with(Parameter.of("tag", tag)));
  }

  /**
   * The canonical form: the URI always in angle brackets (§20.10 allows them everywhere and they
   * keep URI parameters apart from header parameters), the display name as a quoted-string.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    displayName.ifPresent(name -> sb.append('"')
        .append(name.replace("\\", "\\\\").replace("\"", "\\\"")).append("\" "));
    return sb.append('<').append(uri).append('>').append(parameters).toString();
  }
}
