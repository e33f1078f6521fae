package org.sipstrata.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.sipstrata.syntax.internal.Escapes;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1.1): {@code sip:user:password@host:port;uri-parameters?headers}.
 *
 * <p>Each component is kept as written (escapes included), so {@link #toString()} gives the URI
 * back (with the scheme in lower case and the port as a plain number). Record {@code equals} is structural — {@code sip:%61lice@a.example} and {@code
 * sip:alice@a.example} are different records — and {@link #equivalentTo(SipUri)} is the comparison
 * of §19.1.4, under which they are equivalent.
 *
 * @param secure {@code true} for the sips scheme (§19.1.2)
 * @param user the user (or telephone-subscriber), as written, when present
 * @param password the password as written, when present (possibly empty: {@code sip:a:@b})
 * @param host the host
 * @param port the port, when present (0-65535)
 * @param parameters the uri-parameters in order (transport, user, method, ttl, maddr, lr, other)
 * @param headers the headers component in order
 */
public record SipUri(
    boolean secure,
    Optional<String> user,
    Optional<String> password,
    Host host,
    OptionalInt port,
    Parameters parameters,
    List<UriHeader> headers)
    implements Uri {

  public SipUri {
    Objects.requireNonNull(user);
    Objects.requireNonNull(password);
    Objects.requireNonNull(host);
    Objects.requireNonNull(port);
    Objects.requireNonNull(parameters);
    headers = List.copyOf(headers);
    if (password.isPresent() && user.isEmpty()) {
      throw new IllegalArgumentException("a password needs a user (userinfo, RFC 3261 §25.1)");
    }
  }

  /** Parses a SIP or SIPS URI; any other scheme is a typed error. */
  public static Parsed<SipUri> parse(CharSequence text) {
    return switch (Uri.parse(text)) {
      case Parsed.Ok<Uri>(SipUri sip) -> new Parsed.Ok<>(sip);
      case Parsed.Ok<Uri>(Uri other) -> new Parsed.Failed<>(new SyntaxError(
          SyntaxError.Kind.INVALID_URI, 1, 1, "SIP-URI", "19.1.1", other.scheme() + ":",
          "the scheme is sip or sips"));
      case Parsed.Failed<Uri> failed -> new Parsed.Failed<>(failed.error());
    };
  }

  @Override
  public String scheme() {
    return secure ? "sips" : "sip";
  }

  /**
   * The value of the named uri-parameter, escapes decoded, when present with a value. Names match
   * case-insensitively and with escapes decoded (§19.1.4: {@code ;%6C%72} is {@code ;lr}, as in RFC
   * 4475's esc01); {@link #parameters()} has the parameters as written.
   */
  public Optional<String> parameter(String name) {
    return find(name).flatMap(Parameter::value).map(Escapes::decode);
  }

  /** Whether the named uri-parameter is present (names matched as in {@link #parameter}). */
  public boolean hasParameter(String name) {
    return find(name).isPresent();
  }

  private Optional<Parameter> find(String name) {
    for (Parameter p : parameters.list()) {
      if (Escapes.equalIgnoringCase(p.name(), name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The {@code transport} parameter's value, when present. */
  public Optional<String> transport() {
    return parameter("transport");
  }

  /** The {@code user} parameter's value ({@code phone}, {@code ip}, …), when present. */
  public Optional<String> userParam() {
    return parameter("user");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.1
  //# The user URI parameter exists to
  //# distinguish telephone numbers from user names that happen to
  //# look like telephone numbers.
  /**
   * The telephone number in the user part, when the URI says it holds one ({@code user=phone})
   * and it is a telephone-subscriber of RFC 3966: the tel URI that §19.1.6 would have turned into
   * this one. Empty otherwise.
   */
  public Optional<TelUri> telephoneNumber() {
    if (user.isEmpty() || !userParam().map("phone"::equalsIgnoreCase).orElse(false)) {
      return Optional.empty();
    }
    // As written first; escapes of octets the user rule lacks (§19.1.2), resolved, second.
    Optional<TelUri> written = TelUri.parse("tel:" + user.get()).toOptional();
    return written.isPresent() ? written
        : TelUri.parse("tel:" + Escapes.decode(user.get())).toOptional();
  }

  /** The {@code method} parameter's value, when present. */
  public Optional<String> method() {
    return parameter("method");
  }

  /** The {@code maddr} parameter's value, when present. */
  public Optional<String> maddr() {
    return parameter("maddr");
  }

  /** The {@code ttl} parameter's value, when present. */
  public Optional<String> ttl() {
    return parameter("ttl");
  }

  /** Whether the {@code lr} parameter is present (§19.1.1: the element is a loose router). */
  public boolean lr() {
    return hasParameter("lr");
  }

  /** This URI with another parameter list. */
  public SipUri withParameters(Parameters newParameters) {
    return new SipUri(secure, user, password, host, port, newParameters, headers);
  }

  /** This URI without its headers component (e.g. to use it as a Request-URI, §19.1.5). */
  public SipUri withoutHeaders() {
    return new SipUri(secure, user, password, host, port, parameters, List.of());
  }

  @Override
  public boolean equivalentTo(Uri other) {
    return other instanceof SipUri sip && equivalentTo(sip);
  }

  /** URI comparison of RFC 3261 §19.1.4; note that it is not transitive (the section says so). */
  public boolean equivalentTo(SipUri other) {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
    //# o  A SIP and SIPS URI are never equivalent.
    if (secure != other.secure) {
      return false;
    }
    //= https://www.rfc-editor.org/rfc/rfc5954#section-4.2
    //# o  For two URIs to be equal, the user, password, host, and port
    //# components must match.
    //
    //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
    //# A URI omitting the user component will not match a URI that
    //# includes one.  A URI omitting the password component will not
    //# match a URI that includes one.
    //
    //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
    //# o  Comparison of the userinfo of SIP and SIPS URIs is case-
    //# sensitive.  This includes userinfo containing passwords or
    //# formatted as telephone-subscribers.
    //
    //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
    //# o  Characters other than those in the "reserved" set (see RFC 2396
    //# [5]) are equivalent to their ""%" HEX HEX" encoding.
    if (!sameCaseSensitive(user, other.user) || !sameCaseSensitive(password, other.password)) {
      return false;
    }
    if (!host.equivalentTo(other.host)) {
      return false;
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
    //# For instance, a URI omitting the optional port
    //# component will not match a URI explicitly declaring port 5060.
    if (!port.equals(other.port)) {
      return false;
    }
    return parametersEquivalent(other) && headersEquivalent(other);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //# o  The ordering of parameters and header fields is not significant
  //# in comparing SIP and SIPS URIs.
  private boolean parametersEquivalent(SipUri other) {
    for (Parameter mine : parameters.list()) {
      Optional<Parameter> theirs = other.find(mine.name());
      if (theirs.isPresent()) {
        //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
        //# -  Any uri-parameter appearing in both URIs must match.
        //
        //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
        //# Comparison of all other
        //# components of the URI is case-insensitive unless explicitly
        //# defined otherwise.
        if (!sameCaseInsensitive(mine.value(), theirs.get().value())) {
          return false;
        }
      } else if (mustAppearInBoth(mine.name())) {
        return false;
      }
    }
    for (Parameter theirs : other.parameters.list()) {
      if (find(theirs.name()).isEmpty() && mustAppearInBoth(theirs.name())) {
        return false;
      }
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
    //# -  All other uri-parameters appearing in only one URI are
    //# ignored when comparing the URIs.
    return true;
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //# -  A user, ttl, or method uri-parameter appearing in only one
  //# URI never matches, even if it contains the default value.
  //
  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //# -  A URI that includes an maddr parameter will not match a URI
  //# that contains no maddr parameter.
  //
  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //# The same is true for the transport-parameter, ttl-parameter,
  //# user-parameter, and method components.
  private static boolean mustAppearInBoth(String name) {
    return switch (Escapes.decode(name).toLowerCase(Locale.ROOT)) {
      case "user", "ttl", "method", "maddr", "transport" -> true;
      default -> false;
    };
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //# o  URI header components are never ignored.  Any present header
  //# component MUST be present in both URIs and match for the URIs
  //# to match.
  //
  // "The matching rules are defined for each header field in Section 20": applied here is the
  // general rule of the section (names and values case-insensitive, escapes decoded), not the
  // rules of each header field of §20. Each header must have a partner in the other URI, and the
  // two lists must have the same length, so [a, a] does not match [a, b].
  private boolean headersEquivalent(SipUri other) {
    if (headers.size() != other.headers.size()) {
      return false;
    }
    List<UriHeader> unmatched = new ArrayList<>(other.headers);
    for (UriHeader mine : headers) {
      boolean found = false;
      for (int i = 0; i < unmatched.size(); i++) {
        UriHeader theirs = unmatched.get(i);
        if (Escapes.equalIgnoringCase(mine.hname(), theirs.hname())
            && Escapes.equalIgnoringCase(mine.hvalue(), theirs.hvalue())) {
          unmatched.remove(i);
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameCaseSensitive(Optional<String> a, Optional<String> b) {
    return a.isPresent() == b.isPresent()
        && (a.isEmpty() || Escapes.equal(a.get(), b.get()));
  }

  private static boolean sameCaseInsensitive(Optional<String> a, Optional<String> b) {
    return a.isPresent() == b.isPresent()
        && (a.isEmpty() || Escapes.equalIgnoringCase(a.get(), b.get()));
  }

  /** {@code sip:user:password@host:port;params?headers} from the components as written. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(scheme()).append(':');
    user.ifPresent(u -> {
      sb.append(u);
      password.ifPresent(p -> sb.append(':').append(p));
      sb.append('@');
    });
    sb.append(host.text());
    port.ifPresent(p -> sb.append(':').append(p));
    sb.append(parameters);
    for (int i = 0; i < headers.size(); i++) {
      sb.append(i == 0 ? '?' : '&').append(headers.get(i));
    }
    return sb.toString();
  }
}
