package org.sipstrata.syntax;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.sipstrata.grammar.ParseResult;
import org.sipstrata.grammar.ParseTree;
import org.sipstrata.grammar.ParseTree.Node;
import org.sipstrata.syntax.SyntaxError.Kind;
import org.sipstrata.syntax.internal.Ascii;
import org.sipstrata.syntax.internal.Grammar;

/**
 * Grammar-backed reading and checking of a framed message: the start line and header rows are
 * parsed by the generated grammar only when asked for (lazily, cached per row).
 */
final class MessageChecks {

  private MessageChecks() {}

  private static final long MAX_CSEQ = 0xFFFF_FFFFL;

  static List<SyntaxError> validate(SipMessage message) {
    List<SyntaxError> errors = new ArrayList<>();
    boolean request = message instanceof SipRequest;
    byte[] startLine =
        switch (message) {
          case SipRequest r -> r.startLineBytes();
          case SipResponse r -> r.startLineBytes();
        };
    ParseResult start = Grammar.parseStartLine(request, startLine);
    if (start instanceof ParseResult.Failed failed) {
      errors.add(Grammar.toSyntaxError(failed.error(), Kind.INVALID_START_LINE, 1));
    }
    checkVersion(message, startLine, errors);
    if (request) {
      Grammar.tree(start).ifPresent(tree -> checkRequestUri(tree, errors));
    }
    int line = 2;
    for (HeaderField row : message.headers().all()) {
      // the verdict alone needs no tree; only a row that fails is parsed again for its error
      if (!row.matchesGrammar() && row.parsed() instanceof ParseResult.Failed failed) {
        errors.add(Grammar.toSyntaxError(failed.error(), Kind.INVALID_HEADER_FIELD, line));
      } else {
        checkRanges(message, row, line, errors);
      }
      line += row.lineCount();
    }
    return List.copyOf(errors);
  }

  static Optional<SyntaxError> validateStrict(SipMessage message) {
    byte[] octets = message.toBytes();
    if (Grammar.messageMatches(octets)) {
      return Optional.empty();
    }
    return Grammar.parseMessage(octets) instanceof ParseResult.Failed failed
        ? Optional.of(Grammar.toSyntaxError(failed.error(), Kind.INVALID_MESSAGE, 1))
        : Optional.empty();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.1
  //# To be compliant with this specification,
  //# applications sending SIP messages MUST include a SIP-Version
  //# of "SIP/2.0".
  private static void checkVersion(SipMessage message, byte[] startLine, List<SyntaxError> errors) {
    String version = message.sipVersion();
    if (version.equalsIgnoreCase("SIP/2.0")) {
      return;
    }
    String line = new String(startLine, StandardCharsets.UTF_8);
    int at = message instanceof SipRequest ? line.lastIndexOf(version) : line.indexOf(version);
    errors.add(new SyntaxError(Kind.UNSUPPORTED_SIP_VERSION, 1, Math.max(at, 0) + 1, "SIP-Version",
        "7.1", version, "this implementation speaks SIP/2.0"));
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.1
  //# Entries marked "m" are mandatory, those
  //# marked "o" are optional, and those marked "-" are not allowed.
  //
  // Table 1 marks the headers component "-" for the Request-URI (RFC 4475 §3.1.2.11, escruri).
  private static void checkRequestUri(ParseTree tree, List<SyntaxError> errors) {
    tree.find("Request-URI")
        .flatMap(uri -> ParseTree.first(uri, "headers"))
        .ifPresent(headers -> errors.add(new SyntaxError(Kind.DISALLOWED_URI_COMPONENT, 1,
            headers.start() + 1, "Request-URI", "19.1.1", tree.text(headers),
            "Table 1 does not allow the headers component in a Request-URI")));
  }

  private static void checkRanges(SipMessage message, HeaderField row, int line, List<SyntaxError> errors) {
    String key = row.key();
    if (key.equals("cseq")) {
      String number = leadingDigits(row.value());
      //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.5
      //# The
      //# sequence number value MUST be expressible as a 32-bit unsigned
      //# integer and MUST be less than 2**31.
      if (toLong(number) > MAX_CSEQ) {
        errors.add(new SyntaxError(Kind.VALUE_OUT_OF_RANGE, line, 1, "CSeq", "8.1.1.5", number,
            "the sequence number is a 32-bit unsigned integer"));
      }
      //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.5
      //# The
      //# method MUST match that of the request.
      if (message instanceof SipRequest request) {
        String method = cseqMethod(row).orElse("");
        if (!method.equals(request.method())) {
          errors.add(new SyntaxError(Kind.CSEQ_METHOD_MISMATCH, line, 1, "CSeq", "8.1.1.5", method,
              "the CSeq method is the request's method " + request.method()));
        }
      }
    } else if (key.equals("max-forwards")) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-20.22
      //# The Max-Forwards value is an integer in the range 0-255 indicating
      //# the remaining number of times this request message is allowed to be
      //# forwarded.
      if (toLong(row.value()) > 255) {
        errors.add(new SyntaxError(Kind.VALUE_OUT_OF_RANGE, line, 1, "Max-Forwards", "20.22",
            row.value(), "Max-Forwards is 0-255"));
      }
    }
  }

  // --- typed access ------------------------------------------------------------------------------

  static Optional<String> callId(SipMessage message) {
    return message.headers().first(CALL_ID).filter(HeaderField::matchesGrammar).map(HeaderField::value);
  }

  static Optional<CSeq> cseq(SipMessage message) {
    // the typed value of the first row (cached in it): empty when the row does not match its
    // rule or its number does not fit 32 bits
    return message.headers().first(CSEQ).flatMap(row -> row.typed(TypedHeader.CSEQ).toOptional())
        .filter(cseq -> cseq.sequenceNumber() <= MAX_CSEQ);
  }

  static OptionalInt maxForwards(SipMessage message) {
    Optional<HeaderField> row = message.headers().first(MAX_FORWARDS);
    if (row.isEmpty() || !row.get().matchesGrammar()) {
      return OptionalInt.empty();
    }
    long value = toLong(row.get().value());
    return value <= 255 ? OptionalInt.of((int) value) : OptionalInt.empty();
  }

  private static final int VIA = HeaderName.knownId("via");
  private static final int CALL_ID = HeaderName.knownId("call-id");
  private static final int CSEQ = HeaderName.knownId("cseq");
  private static final int MAX_FORWARDS = HeaderName.knownId("max-forwards");
  private static final int FROM = HeaderName.knownId("from");
  private static final int TO = HeaderName.knownId("to");

  private static final String[] BRANCH = {"via-parm", "via-branch"};
  private static final String[] ANY_BRANCH = {"via-branch"};
  private static final String[] TAG = {"tag-param"};

  //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1
  //# Via               =  ( "Via" / "v" ) HCOLON via-parm *(COMMA via-parm)
  //
  // The top Via's branch is the first via-branch of the first via-parm of the first row. A row
  // without a comma holds one via-parm, whose first branch is the row's first: a path of one
  // node, which the grammar locates with less work.
  static Optional<String> topViaBranch(SipMessage message) {
    return message.headers().first(VIA)
        .flatMap(row -> row.firstText(row.valueHolds((byte) ',') ? BRANCH : ANY_BRANCH))
        .map(MessageChecks::value);
  }

  static Optional<String> fromTag(SipMessage message) {
    return tag(message, FROM);
  }

  static Optional<String> toTag(SipMessage message) {
    return tag(message, TO);
  }

  private static Optional<String> tag(SipMessage message, int header) {
    return message.headers().first(header).flatMap(row -> row.firstText(TAG))
        .map(MessageChecks::value);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1
  //# via-branch        =  "branch" EQUAL token
  //
  // and tag-param = "tag" EQUAL token: the value is the token after the "=", EQUAL being
  // SWS "=" SWS, and a token holds no "=" nor white space.
  private static String value(String parameter) {
    return org.sipstrata.syntax.internal.Trees.strip(
        parameter.substring(parameter.indexOf('=') + 1));
  }

  private static Optional<String> cseqMethod(HeaderField row) {
    return row.firstText("Method");
  }

  private static String leadingDigits(String value) {
    int end = 0;
    while (end < value.length() && Ascii.isDigit(value.charAt(end))) {
      end++;
    }
    return value.substring(0, end);
  }

  /** The decimal value, saturated at Long.MAX_VALUE; -1 when not all digits or empty. */
  private static long toLong(String digits) {
    if (digits.isEmpty() || !digits.chars().allMatch(Ascii::isDigit)) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      if (value > (Long.MAX_VALUE - 9) / 10) {
        return Long.MAX_VALUE;
      }
      value = value * 10 + (digits.charAt(i) - '0');
    }
    return value;
  }
}
