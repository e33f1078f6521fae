package org.sipstrata.syntax.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.sipstrata.grammar.EntryRule;
import org.sipstrata.grammar.ParseResult;
import org.sipstrata.grammar.ParseTree;
import org.sipstrata.grammar.ParseTree.Node;
import org.sipstrata.grammar.SipGrammar;
import org.sipstrata.syntax.AbsoluteUri;
import org.sipstrata.syntax.Host;
import org.sipstrata.syntax.NameAddress;
import org.sipstrata.syntax.Parameter;
import org.sipstrata.syntax.Parameters;
import org.sipstrata.syntax.Parsed;
import org.sipstrata.syntax.SipUri;
import org.sipstrata.syntax.SyntaxError;
import org.sipstrata.syntax.SyntaxError.Kind;
import org.sipstrata.syntax.TelUri;
import org.sipstrata.syntax.Uri;
import org.sipstrata.syntax.UriHeader;

/**
 * URIs and name-addr / addr-spec from the grammar's parse trees (RFC 3261 §19.1, §20.10, §25.1).
 *
 * <p>Inside From, To, Contact and Reply-To an addr-spec written without angle brackets is matched
 * by the grammar's {@code bare-…} rules (the grammar overlay's change 6: §20.10 gives everything
 * after such a URI to the header), whose nodes are named {@code bare-SIP-URI}, {@code bare-user}, …;
 * both spellings are read here.
 */
public final class UriTrees {

  private UriTrees() {}

  private static final Set<String> URI_PARAMETER = Set.of("uri-parameter");
  private static final int MAX_PORT = 65535;

  /** Parses text with the {@code Request-URI} rule. */
  public static Parsed<Uri> parse(String text, int maxLength) {
    if (text.length() > maxLength) {
      return new Parsed.Failed<>(new SyntaxError(Kind.URI_TOO_LONG, 1, maxLength + 1, "Request-URI",
          "19.1.1", "", "the URI is " + text.length() + " characters long, over the limit of "
              + maxLength));
    }
    ParseResult result = SipGrammar.strict().parse(EntryRule.REQUEST_URI,
        text.getBytes(java.nio.charset.StandardCharsets.UTF_8), Grammar.UNREAD);
    return switch (result) {
      case ParseResult.Failed failed ->
          new Parsed.Failed<>(Grammar.toSyntaxError(failed.error(), Kind.INVALID_URI, 1));
      case ParseResult.Ok ok -> uri(ok.tree(), ok.tree().root());
    };
  }

  /**
   * The URI at or below {@code node}: a {@code Request-URI}, {@code addr-spec}, {@code
   * bare-addr-spec} or one of the URI rules itself.
   */
  public static Parsed<Uri> uri(ParseTree tree, Node node) {
    switch (node.rule()) {
      case "SIP-URI", "bare-SIP-URI":
        return sipUri(tree, node, false);
      case "SIPS-URI", "bare-SIPS-URI":
        return sipUri(tree, node, true);
      case "absoluteURI", "bare-absoluteURI":
        return absolute(tree, node);
      default:
        for (Node child : node.children()) {
          switch (child.rule()) {
            case "SIP-URI", "SIPS-URI", "absoluteURI", "bare-SIP-URI", "bare-SIPS-URI",
                "bare-absoluteURI", "addr-spec", "bare-addr-spec" -> {
              return uri(tree, child);
            }
            default -> { }
          }
        }
        return new Parsed.Failed<>(Trees.error(Kind.INVALID_URI, tree, node, "Request-URI",
            "RFC 3261 §25.1", "no URI in " + node.rule()));
    }
  }

  /** An absoluteURI: a {@link TelUri} for the tel scheme, else an {@link AbsoluteUri}. */
  private static Parsed<Uri> absolute(ParseTree tree, Node node) {
    AbsoluteUri absolute = absoluteUri(tree, node);
    return absolute.scheme().equals("tel") ? telUri(tree, node) : new Parsed.Ok<>(absolute);
  }

  //= https://www.rfc-editor.org/rfc/rfc3966#section-9
  //# SIP can use the "tel" URI anywhere a URI is allowed, for example as a
  //# Request-URI, along with "sip" and "sips" URIs.
  //
  // The §25 rules match a tel URI as absoluteURI, which does not say where its number and
  // parameters are; the URI's text is parsed again with RFC 3966's telephone-uri, and an error is
  // placed at its column in the input of the whole tree.
  private static Parsed<Uri> telUri(ParseTree tree, Node node) {
    String text = tree.text(node);
    SyntaxError at = Trees.error(Kind.INVALID_URI, tree, node, "telephone-uri", "RFC 3966 §3", "");
    if (SipGrammar.strict().parse(EntryRule.TEL_URI, text) instanceof ParseResult.Failed failed) {
      SyntaxError e = Grammar.toSyntaxError(failed.error(), Kind.INVALID_URI, at.line());
      return new Parsed.Failed<>(new SyntaxError(e.kind(), e.line(),
          at.column() + failed.error().column() - 1, e.rule(), e.rfcSection(), e.found(),
          e.detail()));
    }
    // telephone-uri matched, so the text is "tel:" number *( ";" parameter ). A ";" cannot be
    // part of a number, nor of a parameter value:
    //= https://www.rfc-editor.org/rfc/rfc3966#section-3
    //# If the reserved characters
    //# "+", ";", "=", and "?" are used as delimiters between components of
    //# the "tel" URI, they MUST NOT be percent encoded.  These characters
    //# MUST be percent encoded if they appear in tel URI parameter values.
    int semicolon = text.indexOf(';');
    String number = text.substring("tel:".length(), semicolon < 0 ? text.length() : semicolon);
    List<Parameter> parameters = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int from = semicolon;
    while (from >= 0) {
      int next = text.indexOf(';', from + 1);
      String p = text.substring(from + 1, next < 0 ? text.length() : next);
      int eq = p.indexOf('=');
      Parameter parameter = eq < 0 ? Parameter.flag(p)
          : Parameter.of(p.substring(0, eq), p.substring(eq + 1));
      //= https://www.rfc-editor.org/rfc/rfc3966#section-3
      //# Each parameter name ("pname"), the ISDN subaddress, the 'extension',
      //# and the 'context' MUST NOT appear more than once.
      if (!names.add(parameter.name().toLowerCase(Locale.ROOT))) {
        return telError(at, from + 1, "par", "RFC 3966 §3", p,
            "each parameter name appears at most once");
      }
      //= https://www.rfc-editor.org/rfc/rfc3966#section-5.3
      //# At most, one of the
      //# 'isdn-subaddress' and 'extension' parameters can appear in a "tel"
      //# URI, i.e., they cannot appear both at the same time.
      if (names.contains("isub") && names.contains("ext")) {
        return telError(at, from + 1, "par", "RFC 3966 §5.3", p,
            "a tel URI has an isub or an ext parameter, not both");
      }
      Optional<String> ruleBroken = namedParameterRule(parameter);
      if (ruleBroken.isPresent()) {
        return telError(at, from + 1, ruleBroken.get(), "RFC 3966 §3", p,
            "the value of " + parameter.name() + " is " + ruleBroken.get());
      }
      parameters.add(parameter);
      from = next;
    }
    //= https://www.rfc-editor.org/rfc/rfc3966#section-3
    //= type=exception
    //= reason=The order only helps a character-by-character comparison; RFC 3966 §4 compares parameters regardless of order, so a receiver gains nothing by refusing another order.
    //# The 'isdn-
    //# subaddress' or 'extension' MUST appear first, if present, followed by
    //# the 'context' parameter, if present, followed by any other parameters
    //# in lexicographical order.
    return new Parsed.Ok<>(new TelUri(number,
        parameters.isEmpty() ? Parameters.none() : new Parameters(parameters)));
  }

  //= https://www.rfc-editor.org/rfc/rfc3966#section-3
  //# extension            = ";ext=" 1*phonedigit
  //# context              = ";phone-context=" descriptor
  //# descriptor           = domainname / global-number-digits
  //
  // "par = parameter / extension / isdn-subaddress" also lets ";ext=12a" or ";phone-context=#"
  // match as an unnamed-kind parameter; the names RFC 3966 defines must match their own rules.
  // (isdn-subaddress is 1*uric, which every pvalue matches.) Empty when the parameter is fine,
  // else the rule its value breaks.
  private static Optional<String> namedParameterRule(Parameter parameter) {
    String value = parameter.value().orElse("");
    return switch (parameter.name().toLowerCase(Locale.ROOT)) {
      case "ext" -> PHONEDIGITS.matcher(value).matches() ? Optional.empty()
          : Optional.of("1*phonedigit");
      case "phone-context" -> GLOBAL_NUMBER_DIGITS.matcher(value).matches()
          || DOMAINNAME.matcher(value).matches() ? Optional.empty() : Optional.of("descriptor");
      case "isub" -> parameter.value().isPresent() ? Optional.empty() : Optional.of("1*uric");
      default -> Optional.empty();
    };
  }

  //= https://www.rfc-editor.org/rfc/rfc3966#section-3
  //# global-number-digits = "+" *phonedigit DIGIT *phonedigit
  //= https://www.rfc-editor.org/rfc/rfc3966#section-3
  //# domainname           = *( domainlabel "." ) toplabel [ "." ]
  //# domainlabel          = alphanum
  //# / alphanum *( alphanum / "-" ) alphanum
  //# toplabel             = ALPHA / ALPHA *( alphanum / "-" ) alphanum
  private static final Pattern PHONEDIGITS = Pattern.compile("[0-9().-]+");
  private static final Pattern GLOBAL_NUMBER_DIGITS = Pattern.compile("\\+[0-9().-]*[0-9][0-9().-]*");
  private static final Pattern DOMAINNAME = Pattern.compile(
      "(?:[A-Za-z0-9](?:-*[A-Za-z0-9])*\\.)*[A-Za-z](?:-*[A-Za-z0-9])*\\.?");

  private static Parsed<Uri> telError(SyntaxError at, int offset, String rule, String section,
      String found, String detail) {
    return new Parsed.Failed<>(new SyntaxError(Kind.INVALID_URI, at.line(), at.column() + offset,
        rule, section, found, detail));
  }

  private static AbsoluteUri absoluteUri(ParseTree tree, Node node) {
    String text = tree.text(node);
    String scheme = Trees.child(node, "scheme").map(tree::text)
        .orElse(text.substring(0, Math.max(text.indexOf(':'), 0)));
    return new AbsoluteUri(scheme, text.substring(Math.min(scheme.length() + 1, text.length())));
  }

  private static Parsed<Uri> sipUri(ParseTree tree, Node node, boolean secure) {
    Node userinfo = null;
    Node hostport = null;
    Node uriParameters = null;
    Node headerList = null;
    for (Node child : node.children()) {
      switch (child.rule()) {
        case "userinfo", "bare-userinfo" -> userinfo = userinfo == null ? child : userinfo;
        case "hostport" -> hostport = hostport == null ? child : hostport;
        case "uri-parameters" -> uriParameters = uriParameters == null ? child : uriParameters;
        case "headers" -> headerList = headerList == null ? child : headerList;
        default -> { }
      }
    }
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    if (userinfo != null) {
      // userinfo = ( user / telephone-subscriber ) [ ":" password ] "@": the first child is the
      // user part; a ":" right after it starts the password, which may be empty.
      Node info = userinfo;
      Node userNode = info.children().isEmpty() ? info : info.children().get(0);
      int userEnd = userNode == info ? info.end() - 1 : userNode.end();
      // userinfo is ASCII (other octets are escaped), so string and octet offsets agree.
      String text = tree.text(info);
      int u = userEnd - info.start();
      int at = text.length() - 1;
      user = Optional.of(text.substring(0, u));
      if (u < at && text.charAt(u) == ':') {
        password = Optional.of(text.substring(u + 1, at));
      }
    }
    if (hostport == null) {
      return new Parsed.Failed<>(Trees.error(Kind.INVALID_URI, tree, node, "hostport",
          "RFC 3261 §25.1", "no hostport in " + node.rule()));
    }
    Parsed<Host> host = host(tree, hostport);
    if (host instanceof Parsed.Failed<Host> failed) {
      return new Parsed.Failed<>(failed.error());
    }
    OptionalInt port = OptionalInt.empty();
    Optional<Node> portNode = Trees.child(hostport, "port");
    if (portNode.isPresent()) {
      long value = Trees.digits(tree.text(portNode.get()));
      //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.1
      //# port:  The port number where the request is to be sent.
      //
      // A port is 16 bits (RFC 768, RFC 793); the ABNF's 1*DIGIT allows more.
      if (value > MAX_PORT) {
        return new Parsed.Failed<>(Trees.error(Kind.VALUE_OUT_OF_RANGE, tree, portNode.get(),
            "port", "19.1.1", "a port is 0-65535"));
      }
      port = OptionalInt.of((int) value);
    }
    Parameters parameters = uriParameters == null ? Parameters.none()
        : Trees.parameters(tree, uriParameters, URI_PARAMETER);
    List<UriHeader> headers = new ArrayList<>();
    if (headerList != null) {
      for (Node h : headerList.children()) {
        String hname = Trees.child(h, "hname").map(tree::text).orElse("");
        String hvalue = Trees.child(h, "hvalue").map(tree::text).orElse("");
        headers.add(new UriHeader(hname, hvalue));
      }
    }
    return new Parsed.Ok<>(new SipUri(secure, user, password, host.toOptional().orElseThrow(),
        port, parameters, headers));
  }

  /** The {@code host} child of {@code parent} (hostport, sent-by, …). */
  public static Parsed<Host> host(ParseTree tree, Node parent) {
    Optional<Node> hostNode = Trees.child(parent, "host");
    if (hostNode.isEmpty()) {
      return new Parsed.Failed<>(Trees.error(Kind.INVALID_URI, tree, parent, "host",
          "RFC 3261 §25.1", "no host in " + parent.rule()));
    }
    Node h = hostNode.get();
    String text = tree.text(h);
    // host = hostname / IPv4address / IPv6reference: the one child says which
    Host.Kind kind = Host.Kind.HOSTNAME;
    for (Node child : h.children()) {
      switch (child.rule()) {
        case "IPv6reference" -> kind = Host.Kind.IPV6_REFERENCE;
        case "IPv4address" -> kind = kind == Host.Kind.HOSTNAME ? Host.Kind.IPV4_ADDRESS : kind;
        default -> { }
      }
    }
    return new Parsed.Ok<>(new Host(kind, text));
  }

  /**
   * A {@code name-addr} or (bare-)addr-spec node as a {@link NameAddress} with the given header
   * parameters.
   */
  public static Parsed<NameAddress> nameAddress(ParseTree tree, Node node, Parameters params) {
    Optional<String> displayName = Optional.empty();
    if (node.rule().equals("name-addr")) {
      Optional<Node> display = Trees.child(node, "display-name");
      if (display.isPresent()) {
        Optional<Node> quoted = Trees.child(display.get(), "quoted-string");
        displayName = Optional.of(quoted.isPresent()
            ? Trees.unquote(tree.text(quoted.get()))
            : Trees.strip(tree.text(display.get())));
      }
    }
    Optional<String> name = displayName;
    return uri(tree, node).map(uri -> new NameAddress(name, uri, params));
  }
}
