package org.sipstrata.syntax.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.sipstrata.grammar.EntryRule;
import org.sipstrata.grammar.ParseResult;
import org.sipstrata.grammar.ParseTree;
import org.sipstrata.grammar.ParseTree.Node;
import org.sipstrata.grammar.SipGrammar;
import org.sipstrata.syntax.AuthValue;
import org.sipstrata.syntax.CSeq;
import org.sipstrata.syntax.Contact;
import org.sipstrata.syntax.Host;
import org.sipstrata.syntax.InfoValue;
import org.sipstrata.syntax.MediaType;
import org.sipstrata.syntax.NameAddress;
import org.sipstrata.syntax.Parameter;
import org.sipstrata.syntax.Parameters;
import org.sipstrata.syntax.ParameterizedValue;
import org.sipstrata.syntax.Parsed;
import org.sipstrata.syntax.RetryAfter;
import org.sipstrata.syntax.SyntaxError;
import org.sipstrata.syntax.SyntaxError.Kind;
import org.sipstrata.syntax.Timestamp;
import org.sipstrata.syntax.Uri;
import org.sipstrata.syntax.Via;
import org.sipstrata.syntax.Warning;

/**
 * Typed header field values from the grammar's parse tree of a header row (RFC 3261 §20, §25.1).
 * Each method receives the tree of a row that matched its header's rule (the root node is named
 * after the header, e.g. {@code Via}) and the row's unfolded value; the grammar has delimited
 * every part, these methods only read the nodes and check the ranges the prose adds.
 */
public final class HeaderTrees {

  private HeaderTrees() {}

  private static final long MAX_32 = 0xFFFF_FFFFL;

  // --- Via -----------------------------------------------------------------------------------

  public static Parsed<List<Via>> via(ParseTree tree) {
    List<Via> out = new ArrayList<>();
    for (Node parm : tree.root().children()) {
      if (!Trees.named(parm, "via-parm")) {
        continue;
      }
      // via-parm = sent-protocol LWS sent-by *( SEMI via-params )
      Node protocol = null;
      Node sentBy = null;
      for (Node child : parm.children()) {
        switch (child.rule()) {
          case "sent-protocol" -> protocol = protocol == null ? child : protocol;
          case "sent-by" -> sentBy = sentBy == null ? child : sentBy;
          default -> { }
        }
      }
      if (protocol == null || sentBy == null) {
        return missing(tree, parm, "via-parm");
      }
      // sent-protocol = protocol-name SLASH protocol-version SLASH transport
      String name = "";
      String version = "";
      String transport = "";
      for (Node part : protocol.children()) {
        switch (part.rule()) {
          case "protocol-name" -> name = name.isEmpty() ? tree.text(part) : name;
          case "protocol-version" -> version = version.isEmpty() ? tree.text(part) : version;
          case "transport" -> transport = transport.isEmpty() ? tree.text(part) : transport;
          default -> { }
        }
      }
      Parsed<Host> host = UriTrees.host(tree, sentBy);
      if (host instanceof Parsed.Failed<Host> f) {
        return new Parsed.Failed<>(f.error());
      }
      Parsed<OptionalInt> port = port(tree, sentBy);
      if (port instanceof Parsed.Failed<OptionalInt> f) {
        return new Parsed.Failed<>(f.error());
      }
      out.add(new Via(name, version, transport, host.toOptional().orElseThrow(),
          port.toOptional().orElseThrow(), Trees.parameters(tree, parm, VIA_PARAMS)));
    }
    return new Parsed.Ok<>(List.copyOf(out));
  }

  private static final Set<String> VIA_PARAMS = Set.of("via-params");

  private static Parsed<OptionalInt> port(ParseTree tree, Node parent) {
    Optional<Node> portNode = Trees.child(parent, "port");
    if (portNode.isEmpty()) {
      return new Parsed.Ok<>(OptionalInt.empty());
    }
    long value = Trees.digits(tree.text(portNode.get()));
    if (value > 65535) {
      return new Parsed.Failed<>(Trees.error(Kind.VALUE_OUT_OF_RANGE, tree, portNode.get(), "port",
          "19.1.1", "a port is 0-65535"));
    }
    return new Parsed.Ok<>(OptionalInt.of((int) value));
  }

  // --- addresses -----------------------------------------------------------------------------

  private static final Set<String> ADDRESS = Set.of("name-addr", "bare-addr-spec");

  /** From (from-spec), To, Reply-To (rplyto-spec): one address and its header parameters. */
  private static final Set<String> FROM_PARAM = Set.of("from-param");
  private static final Set<String> TO_PARAM = Set.of("to-param");
  private static final Set<String> RPLYTO_PARAM = Set.of("rplyto-param");

  public static Parsed<NameAddress> from(ParseTree tree) {
    return address(tree, Trees.child(tree.root(), "from-spec").orElse(tree.root()), FROM_PARAM);
  }

  public static Parsed<NameAddress> to(ParseTree tree) {
    return address(tree, tree.root(), TO_PARAM);
  }

  public static Parsed<NameAddress> replyTo(ParseTree tree) {
    return address(tree, Trees.child(tree.root(), "rplyto-spec").orElse(tree.root()),
        RPLYTO_PARAM);
  }

  private static Parsed<NameAddress> address(ParseTree tree, Node spec, Set<String> paramRules) {
    Optional<Node> addr = Trees.child(spec, "name-addr", "bare-addr-spec");
    if (addr.isEmpty()) {
      return missing(tree, spec, "name-addr");
    }
    return UriTrees.nameAddress(tree, addr.get(), Trees.parameters(tree, spec, paramRules));
  }

  /** {@link NameAddress#parse}: the text as a From value (from-spec). */
  public static Parsed<NameAddress> nameAddress(String text) {
    if (text.length() > Uri.DEFAULT_MAX_LENGTH) {
      return new Parsed.Failed<>(new SyntaxError(Kind.URI_TOO_LONG, 1, Uri.DEFAULT_MAX_LENGTH + 1,
          "from-spec", "20.10", "", "the address is " + text.length()
              + " characters long, over the limit of " + Uri.DEFAULT_MAX_LENGTH));
    }
    String prefix = "From: ";
    ParseResult result = SipGrammar.strict().parse(EntryRule.FROM, prefix + text);
    return switch (result) {
      case ParseResult.Failed failed -> {
        SyntaxError e = Grammar.toSyntaxError(failed.error(), Kind.INVALID_HEADER_FIELD, 1);
        yield new Parsed.Failed<>(new SyntaxError(e.kind(), e.line(),
            Math.max(1, e.column() - (e.line() == 1 ? prefix.length() : 0)), e.rule(),
            e.rfcSection(), e.found(), e.detail()));
      }
      case ParseResult.Ok ok -> from(ok.tree());
    };
  }

  public static Parsed<Contact> contact(ParseTree tree) {
    List<Node> params = Trees.children(tree.root(), Set.of("contact-param"));
    if (params.isEmpty()) {
      // Contact = ("Contact" / "m" ) HCOLON ( STAR / (contact-param *(COMMA contact-param)))
      return new Parsed.Ok<>(Contact.star());
    }
    List<NameAddress> out = new ArrayList<>();
    for (Node param : params) {
      Parsed<NameAddress> a = address(tree, param, Set.of("contact-params"));
      if (a instanceof Parsed.Failed<NameAddress> f) {
        return new Parsed.Failed<>(f.error());
      }
      out.add(a.toOptional().orElseThrow());
    }
    return new Parsed.Ok<>(new Contact(false, out));
  }

  /** Route (route-param) and Record-Route (rec-route): name-addr *( SEMI rr-param ). */
  public static Parsed<List<NameAddress>> routes(ParseTree tree) {
    List<NameAddress> out = new ArrayList<>();
    for (Node r : Trees.children(tree.root(), Set.of("route-param", "rec-route"))) {
      Parsed<NameAddress> a = address(tree, r, Set.of("rr-param"));
      if (a instanceof Parsed.Failed<NameAddress> f) {
        return new Parsed.Failed<>(f.error());
      }
      out.add(a.toOptional().orElseThrow());
    }
    return new Parsed.Ok<>(List.copyOf(out));
  }

  /** Alert-Info (alert-param), Call-Info (info), Error-Info (error-uri). */
  public static Parsed<List<InfoValue>> infos(ParseTree tree) {
    List<InfoValue> out = new ArrayList<>();
    for (Node n : Trees.children(tree.root(), Set.of("alert-param", "info", "error-uri"))) {
      Optional<Node> uriNode = Trees.child(n, "absoluteURI");
      if (uriNode.isEmpty()) {
        return missing(tree, n, "absoluteURI");
      }
      // The §25 rules put absoluteURI here, which also matches sip: text; Uri.parse reads it with
      // Request-URI so a SIP URI becomes a SipUri.
      Parsed<Uri> uri = Uri.parse(tree.text(uriNode.get()));
      if (uri instanceof Parsed.Failed<Uri> f) {
        return new Parsed.Failed<>(f.error());
      }
      out.add(new InfoValue(uri.toOptional().orElseThrow(), Trees.parameters(tree, n,
          Set.of("generic-param", "info-param"))));
    }
    return new Parsed.Ok<>(List.copyOf(out));
  }

  // --- numbers -------------------------------------------------------------------------------

  public static Parsed<CSeq> cseq(ParseTree tree, String value) {
    Optional<Node> method = Trees.child(tree.root(), "Method");
    if (method.isEmpty()) {
      return missing(tree, tree.root(), "Method");
    }
    int end = 0;
    while (end < value.length() && Ascii.isDigit(value.charAt(end))) {
      end++;
    }
    long number = Trees.digits(value.substring(0, end));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.5
    //# The
    //# sequence number value MUST be expressible as a 32-bit unsigned
    //# integer and MUST be less than 2**31.
    //
    // A received value up to 2**32-1 is read (the "less than 2**31" is for the request's creator).
    if (number > MAX_32) {
      return outOfRange(tree, "CSeq", "8.1.1.5", "the sequence number is a 32-bit unsigned integer");
    }
    return new Parsed.Ok<>(new CSeq(number, tree.text(method.get())));
  }

  /**
   * CSeq from the text of a row that matched its rule, {@code 1*DIGIT LWS Method}: the unfolded
   * value is the digits, white space, and the Method, a token, which holds none. Null when the
   * number is out of range (then the tree says where).
   */
  public static CSeq cseqInRange(String value) {
    int end = 0;
    while (end < value.length() && Ascii.isDigit(value.charAt(end))) {
      end++;
    }
    long number = Trees.digits(value.substring(0, end));
    int method = end;
    while (method < value.length() && Ascii.isWsp(value.charAt(method))) {
      method++;
    }
    return number > MAX_32 || method == end || method == value.length() ? null
        : new CSeq(number, value.substring(method));
  }

  public static Parsed<Integer> maxForwards(ParseTree tree, String value) {
    Integer number = maxForwardsInRange(value);
    if (number == null) {
      return outOfRange(tree, "Max-Forwards", "20.22", "Max-Forwards is 0-255");
    }
    return new Parsed.Ok<>(number);
  }

  /** Max-Forwards from the text of a row that matched its rule; null when out of range. */
  public static Integer maxForwardsInRange(String value) {
    long number = Trees.digits(value);
    //= https://www.rfc-editor.org/rfc/rfc3261#section-20.22
    //# The Max-Forwards value is an integer in the range 0-255 indicating
    //# the remaining number of times this request message is allowed to be
    //# forwarded.
    return number > 255 ? null : (int) number;
  }

  /** Content-Length from the text of a row that matched its rule; null when it does not fit. */
  public static Long contentLengthInRange(String value) {
    long length = Trees.digits(value);
    return length == Long.MAX_VALUE ? null : length;
  }

  public static Parsed<Long> contentLength(ParseTree tree, String value) {
    Long length = contentLengthInRange(value);
    if (length == null) {
      return outOfRange(tree, "Content-Length", "20.14", "the length does not fit 63 bits");
    }
    return new Parsed.Ok<>(length);
  }

  /** Expires and Min-Expires: delta-seconds. */
  public static Parsed<Long> deltaSeconds(ParseTree tree, String value) {
    long number = Trees.digits(Trees.child(tree.root(), "delta-seconds").map(tree::text).orElse(value));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-20.19
    //# The value of this field is an integral number of seconds (in decimal)
    //# between 0 and (2**32)-1, measured from the receipt of the request.
    if (number > MAX_32) {
      return outOfRange(tree, tree.root().rule(), "20.19", "the value is 0 to (2**32)-1 seconds");
    }
    return new Parsed.Ok<>(number);
  }

  public static Parsed<RetryAfter> retryAfter(ParseTree tree) {
    long seconds = Math.min(MAX_32,
        Trees.digits(Trees.child(tree.root(), "delta-seconds").map(tree::text).orElse("0")));
    Optional<String> comment = Trees.child(tree.root(), "comment").map(c -> Trees.strip(tree.text(c)));
    return new Parsed.Ok<>(new RetryAfter(seconds, comment,
        Trees.parameters(tree, tree.root(), Set.of("retry-param"))));
  }

  public static Parsed<Timestamp> timestamp(ParseTree tree, String value) {
    Optional<Node> delay = Trees.child(tree.root(), "delay");
    String time = delay.isPresent() ? Trees.strip(value.substring(0,
        Math.max(0, value.length() - tree.text(delay.get()).length()))) : value;
    return new Parsed.Ok<>(new Timestamp(time, delay.map(tree::text)));
  }

  // --- media types and lists -----------------------------------------------------------------

  public static Parsed<MediaType> contentType(ParseTree tree) {
    Optional<Node> media = Trees.child(tree.root(), "media-type");
    return media.isPresent() ? new Parsed.Ok<>(mediaType(tree, media.get()))
        : missing(tree, tree.root(), "media-type");
  }

  public static Parsed<List<MediaType>> accept(ParseTree tree) {
    List<MediaType> out = new ArrayList<>();
    for (Node range : Trees.children(tree.root(), Set.of("accept-range"))) {
      Optional<Node> media = Trees.child(range, "media-range");
      if (media.isEmpty()) {
        return missing(tree, range, "media-range");
      }
      MediaType m = mediaType(tree, media.get());
      // accept-range = media-range *(SEMI accept-param): q and extensions join the media's own.
      Parameters params = m.parameters();
      for (Node p : Trees.children(range, Set.of("accept-param"))) {
        params = new Parameters(append(params.list(), Trees.parameter(tree, p)));
      }
      out.add(new MediaType(m.type(), m.subtype(), params));
    }
    return new Parsed.Ok<>(List.copyOf(out));
  }

  private static List<Parameter> append(List<Parameter> list, Parameter p) {
    List<Parameter> out = new ArrayList<>(list);
    out.add(p);
    return out;
  }

  private static MediaType mediaType(ParseTree tree, Node media) {
    String type = Trees.child(media, "m-type").map(tree::text).orElse("*");
    String subtype = Trees.child(media, "m-subtype").map(tree::text).orElse("*");
    if (Trees.child(media, "m-type").isEmpty()) {
      // media-range = ( "*/*" / ( m-type SLASH "*" ) / ( m-type SLASH m-subtype ) ) *( SEMI m-parameter )
      String text = tree.text(media);
      int slash = text.indexOf('/');
      type = Trees.strip(text.substring(0, Math.max(slash, 0)));
    }
    if (Trees.child(media, "m-subtype").isEmpty()) {
      subtype = "*";
    }
    return new MediaType(type, subtype, Trees.parameters(tree, media, Set.of("m-parameter")));
  }

  /** Accept-Encoding (encoding) and Accept-Language (language): a value and accept-params. */
  public static Parsed<List<ParameterizedValue>> acceptValues(ParseTree tree) {
    List<ParameterizedValue> out = new ArrayList<>();
    for (Node n : Trees.children(tree.root(), Set.of("encoding", "language"))) {
      String v = Trees.child(n, "codings", "language-range").map(tree::text).orElse("");
      out.add(new ParameterizedValue(v, Trees.parameters(tree, n, Set.of("accept-param"))));
    }
    return new Parsed.Ok<>(List.copyOf(out));
  }

  public static Parsed<ParameterizedValue> contentDisposition(ParseTree tree) {
    String type = Trees.child(tree.root(), "disp-type").map(tree::text).orElse("");
    return new Parsed.Ok<>(new ParameterizedValue(type,
        Trees.parameters(tree, tree.root(), Set.of("disp-param"))));
  }

  /**
   * The text of every direct child of the root named one of {@code rules}: Allow (Method),
   * Supported/Require/Unsupported/Proxy-Require (option-tag), Content-Encoding (content-coding),
   * Content-Language (language-tag), In-Reply-To (callid).
   */
  public static Parsed<List<String>> tokens(ParseTree tree, Set<String> rules) {
    List<String> out = new ArrayList<>();
    for (Node n : Trees.children(tree.root(), rules)) {
      out.add(tree.text(n));
    }
    return new Parsed.Ok<>(List.copyOf(out));
  }

  public static Parsed<List<Warning>> warnings(ParseTree tree, String value) {
    List<Warning> out = new ArrayList<>();
    for (Node w : Trees.children(tree.root(), Set.of("warning-value"))) {
      int code = (int) Trees.digits(Trees.child(w, "warn-code").map(tree::text).orElse("0"));
      String agent = Trees.child(w, "warn-agent").map(tree::text).orElse("");
      String text = Trees.child(w, "warn-text").map(t -> Trees.unquote(tree.text(t))).orElse("");
      out.add(new Warning(code, agent, text));
    }
    return new Parsed.Ok<>(List.copyOf(out));
  }

  // --- authentication (§20.6, §20.7, §20.27, §20.28, §20.44; §25.1 auth rules) ----------------

  private static final Set<String> AUTH_PARAM =
      Set.of("dig-resp", "digest-cln", "auth-param", "ainfo");

  /** Authorization, Proxy-Authorization (credentials), WWW-/Proxy-Authenticate (challenge). */
  public static Parsed<AuthValue> auth(ParseTree tree) {
    Optional<Node> top = Trees.child(tree.root(), "credentials", "challenge");
    if (top.isEmpty()) {
      return missing(tree, tree.root(), "credentials");
    }
    Node node = top.get();
    // credentials = ("Digest" LWS digest-response) / other-response; challenge alike.
    Optional<Node> inner = Trees.child(node, "digest-response", "other-response", "other-challenge");
    Node paramsParent = inner.orElse(node);
    String text = tree.text(node);
    int space = 0;
    while (space < text.length() && text.charAt(space) != ' ' && text.charAt(space) != '\t'
        && text.charAt(space) != '\r') {
      space++;
    }
    String scheme = Trees.child(paramsParent, "auth-scheme").map(tree::text)
        .orElse(text.substring(0, space));
    List<Parameter> params = new ArrayList<>();
    for (Node p : Trees.children(paramsParent, AUTH_PARAM)) {
      params.add(Trees.parameter(tree, p));
    }
    return new Parsed.Ok<>(new AuthValue(scheme, new Parameters(params)));
  }

  /** Authentication-Info: ainfo *(COMMA ainfo). */
  public static Parsed<Parameters> authenticationInfo(ParseTree tree) {
    return new Parsed.Ok<>(Trees.parameters(tree, tree.root(), Set.of("ainfo")));
  }

  // --- helpers -------------------------------------------------------------------------------

  private static <T> Parsed<T> missing(ParseTree tree, Node node, String rule) {
    return new Parsed.Failed<>(Trees.error(Kind.INVALID_HEADER_FIELD, tree, node, rule,
        "RFC 3261 §25.1", "no " + rule + " in " + node.rule()));
  }

  private static <T> Parsed<T> outOfRange(ParseTree tree, String rule, String section, String detail) {
    Node root = tree.root();
    int colon = 0;
    byte[] in = tree.octets(root);
    while (colon < in.length && in[colon] != ':') {
      colon++;
    }
    int start = colon + 1;
    while (start < in.length && (in[start] == ' ' || in[start] == '\t')) {
      start++;
    }
    Node at = new Node(root.rule(), Math.min(root.start() + start, root.end()), root.end(), List.of());
    return new Parsed.Failed<>(Trees.error(Kind.VALUE_OUT_OF_RANGE, tree, at, rule, section, detail));
  }
}
