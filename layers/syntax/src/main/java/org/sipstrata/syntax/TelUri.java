package org.sipstrata.syntax;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.sipstrata.syntax.internal.Escapes;

/**
 * A tel URI (RFC 3966 §3): {@code telephone-uri = "tel:" telephone-subscriber}, e.g. {@code
 * tel:+1-201-555-0123} or {@code tel:7042;phone-context=example.com}. RFC 3261 allows one
 * wherever it allows an absoluteURI (Request-URI, To, From, Contact, …).
 *
 * <p>The number and the parameters are kept as written (visual separators and percent-encoding
 * included), so {@link #toString()} gives the URI back with the scheme in lower case. Record {@code
 * equals} is structural; {@link #equivalentTo(TelUri)} is the comparison of RFC 3966 §4, under
 * which {@code tel:+1-201-555-0123} and {@code tel:+1.201.555.0123} are equivalent.
 *
 * @param number {@code global-number-digits} ({@code +} and at least one digit) or {@code
 *     local-number-digits}, with its visual separators
 * @param parameters the parameters in the order written: {@code isub}, {@code ext}, {@code
 *     phone-context} and any other {@code parameter}, values as written
 */
public record TelUri(String number, Parameters parameters) implements Uri {

  public TelUri {
    Objects.requireNonNull(number);
    Objects.requireNonNull(parameters);
    if (number.isEmpty()) {
      throw new IllegalArgumentException("a tel URI has a number (RFC 3966 §3)");
    }
  }

  /** Parses a tel URI; any other scheme, or text that is not a telephone-uri, is a typed error. */
  public static Parsed<TelUri> parse(CharSequence text) {
    return switch (Uri.parse(text)) {
      case Parsed.Ok<Uri>(TelUri tel) -> new Parsed.Ok<>(tel);
      case Parsed.Ok<Uri>(Uri other) -> new Parsed.Failed<>(new SyntaxError(
          SyntaxError.Kind.INVALID_URI, 1, 1, "telephone-uri", "RFC 3966 §3", other.scheme() + ":",
          "the scheme is tel"));
      case Parsed.Failed<Uri> failed -> new Parsed.Failed<>(failed.error());
    };
  }

  @Override
  public String scheme() {
    return "tel";
  }

  //= https://www.rfc-editor.org/rfc/rfc3966#section-5.1.4
  //# Globally unique numbers are identified by the leading "+" character.
  /** Whether the number is a global (E.164) number, i.e. starts with {@code +}. */
  public boolean isGlobal() {
    return number.startsWith("+");
  }

  //= https://www.rfc-editor.org/rfc/rfc3966#section-5.1.1
  //# Visual separators
  //# ('visual-separator') merely aid readability and are not used for URI
  //# comparison or placing a call.
  /** The number without its visual separators ({@code - . ( )}), e.g. {@code +12015550123}. */
  public String digits() {
    return withoutVisualSeparators(number);
  }

  /** The value of the named parameter (any case), percent-encoding decoded, when it has one. */
  public Optional<String> parameter(String name) {
    return parameters.value(name).map(Escapes::decode);
  }

  /** The ISDN subaddress ({@code isub}, RFC 3966 §5.2), decoded, when present. */
  public Optional<String> isdnSubaddress() {
    return parameter("isub");
  }

  /** The extension ({@code ext}, RFC 3966 §5.3) as written, when present. */
  public Optional<String> extension() {
    return parameters.value("ext");
  }

  /** The {@code phone-context} (RFC 3966 §5.1.5): a domain name or global-number digits. */
  public Optional<String> phoneContext() {
    return parameters.value("phone-context");
  }

  @Override
  public boolean equivalentTo(Uri other) {
    return other instanceof TelUri tel && equivalentTo(tel);
  }

  /** The comparison of RFC 3966 §4. */
  public boolean equivalentTo(TelUri other) {
    //= https://www.rfc-editor.org/rfc/rfc3966#section-4
    //# o  Both must be either a 'local-number' or a 'global-number', i.e.,
    //# start with a '+'.
    if (isGlobal() != other.isGlobal()) {
      return false;
    }
    //= https://www.rfc-editor.org/rfc/rfc3966#section-4
    //# o  The 'global-number-digits' and the 'local-number-digits' must be
    //# equal, after removing all visual separators.
    //
    //= https://www.rfc-editor.org/rfc/rfc3966#section-4
    //# o  URI comparisons are case-insensitive.
    if (!digits().equalsIgnoreCase(other.digits())) {
      return false;
    }
    //= https://www.rfc-editor.org/rfc/rfc3966#section-4
    //# o  Parameters are compared according to 'pname', regardless of the
    //# order they appeared in the URI.  If one URI has a parameter name
    //# not found in the other, the two URIs are not equal.
    //
    // Each name appears at most once (§3, checked when parsing), so equal sizes and a partner of
    // the same name for each parameter make the two sets of names equal.
    if (parameters.list().size() != other.parameters.list().size()) {
      return false;
    }
    for (Parameter mine : parameters.list()) {
      Optional<Parameter> theirs = other.parameters.get(mine.name());
      if (theirs.isEmpty() || !sameValue(mine.name(), mine.value(), theirs.get().value())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameValue(String name, Optional<String> a, Optional<String> b) {
    if (a.isPresent() != b.isPresent()) {
      return false;
    }
    if (a.isEmpty()) {
      return true;
    }
    String x = a.get();
    String y = b.get();
    switch (name.toLowerCase(Locale.ROOT)) {
      case "phone-context" -> {
        //= https://www.rfc-editor.org/rfc/rfc3966#section-4
        //# the
        //# 'phone-context' parameter value is compared as a host name if it
        //# is a 'domainname' or digit by digit if it is 'global-number-
        //# digits'.  The latter is compared after removing all 'visual-
        //# separator' characters.
        if (x.startsWith("+") || y.startsWith("+")) {
          return withoutVisualSeparators(x).equals(withoutVisualSeparators(y));
        }
        // Host names compare case-insensitively (RFC 3261 §19.1.4 for hosts, RFC 4343).
        return x.equalsIgnoreCase(y);
      }
      case "ext" -> {
        // extension = ";ext=" 1*phonedigit: its separators are visual too (§5.1.1 above).
        return withoutVisualSeparators(x).equals(withoutVisualSeparators(y));
      }
      default -> {
        //= https://www.rfc-editor.org/rfc/rfc3966#section-3
        //# Characters other than those in the "reserved" and "unsafe" sets (see
        //# RFC 2396 [RFC2396]) are equivalent to their "% HEX HEX" percent
        //# encoding.
        return Escapes.equalIgnoringCase(x, y);
      }
    }
  }

  //= https://www.rfc-editor.org/rfc/rfc3966#section-3
  //# visual-separator     = "-" / "." / "(" / ")"
  private static String withoutVisualSeparators(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '-' && c != '.' && c != '(' && c != ')') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.6
  //# When a tel URL (RFC 2806 [9]) is converted to a SIP or SIPS URI, the
  //# entire telephone-subscriber portion of the tel URL, including any
  //# parameters, is placed into the userinfo part of the SIP or SIPS URI.
  /**
   * This number as a SIP or SIPS URI at {@code host}: the telephone-subscriber (number and
   * parameters) as the user part, with {@code user=phone}, e.g. {@code tel:+358-555-1234567;postd=pp22}
   * at {@code foo.com} is {@code sip:+358-555-1234567;postd=pp22@foo.com;user=phone}.
   */
  public SipUri toSipUri(Host host, boolean secure) {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.6
    //# To mitigate this problem, elements constructing telephone-subscriber
    //# fields to place in the userinfo part of a SIP or SIPS URI SHOULD fold
    //# any case-insensitive portion of telephone-subscriber to lower case,
    //# and order the telephone-subscriber parameters lexically by parameter
    //# name, excepting isdn-subaddress and post-dial, which occur first and
    //# in that order.  (All components of a tel URL except for future-
    //# extension parameters are defined to be compared case-insensitive.)
    java.util.List<Parameter> ordered = new java.util.ArrayList<>();
    for (Parameter p : parameters.list()) {
      String name = p.name().toLowerCase(Locale.ROOT);
      ordered.add(new Parameter(name, CASE_INSENSITIVE_VALUES.contains(name)
          ? p.value().map(v -> v.toLowerCase(Locale.ROOT)) : p.value()));
    }
    ordered.sort(java.util.Comparator.comparingInt(TelUri::firstPlaces)
        .thenComparing(Parameter::name));
    StringBuilder subscriber = new StringBuilder(number.toLowerCase(Locale.ROOT));
    for (Parameter p : ordered) {
      subscriber.append(';').append(p.name());
      p.value().ifPresent(v -> subscriber.append('=').append(v));
    }
    return new SipUri(secure, Optional.of(escapedForUser(subscriber)), Optional.empty(), host,
        java.util.OptionalInt.empty(),
        new Parameters(java.util.List.of(Parameter.of("user", "phone"))), java.util.List.of());
  }

  /**
   * The parameters of RFC 3966 and RFC 2806 whose values compare case-insensitively; others are
   * future extensions, whose values are kept as written.
   */
  private static final java.util.Set<String> CASE_INSENSITIVE_VALUES =
      java.util.Set.of("isub", "ext", "phone-context", "postd", "tsp");

  /** isdn-subaddress first, post-dial second, every other parameter after them. */
  private static int firstPlaces(Parameter p) {
    return switch (p.name()) {
      case "isub" -> 0;
      case "postd" -> 1;
      default -> 2;
    };
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.2
  //# Any characters occurring in a telephone-subscriber
  //# that do not appear in an expansion of the BNF for the user rule MUST
  //# be escaped.
  //
  // user = 1*( unreserved / escaped / user-unreserved ): an octet outside those is written as
  // %HH; an escape already in the number or a value stays as it is.
  private static String escapedForUser(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      boolean user = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-_.!~*'()&=+$,;?/%".indexOf(c) >= 0;
      if (user) {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
      }
    }
    return out.toString();
  }

  /** {@code tel:number;parameters} from the components as written. */
  @Override
  public String toString() {
    return "tel:" + number + parameters;
  }
}
