package org.sipstrata.grammar;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rules of RFC 3261 §25 that the parser can start from: the whole message, the start lines,
 * the URIs (and RFC 3966's tel URI), and every header field of §20 (whose ABNF rule is named after the header, e.g.
 * {@code Via = ( "Via" / "v" ) HCOLON via-parm *(COMMA via-parm)}).
 *
 * <p>A header rule includes the header name and HCOLON; {@link SipGrammar#parseHeaderValue} parses
 * a value alone.
 */
public enum EntryRule {
  SIP_MESSAGE("SIP-message"),
  REQUEST_LINE("Request-Line"),
  STATUS_LINE("Status-Line"),
  REQUEST_URI("Request-URI"),
  SIP_URI("SIP-URI"),
  SIPS_URI("SIPS-URI"),
  ABSOLUTE_URI("absoluteURI"),
  /** A tel URI, RFC 3966 §3 {@code telephone-uri = "tel:" telephone-subscriber}. */
  TEL_URI("telephone-uri"),
  ACCEPT("Accept", "Accept"),
  ACCEPT_ENCODING("Accept-Encoding", "Accept-Encoding"),
  ACCEPT_LANGUAGE("Accept-Language", "Accept-Language"),
  ALERT_INFO("Alert-Info", "Alert-Info"),
  ALLOW("Allow", "Allow"),
  AUTHENTICATION_INFO("Authentication-Info", "Authentication-Info"),
  AUTHORIZATION("Authorization", "Authorization"),
  CALL_ID("Call-ID", "Call-ID", "i"),
  CALL_INFO("Call-Info", "Call-Info"),
  CONTACT("Contact", "Contact", "m"),
  CONTENT_DISPOSITION("Content-Disposition", "Content-Disposition"),
  CONTENT_ENCODING("Content-Encoding", "Content-Encoding", "e"),
  CONTENT_LANGUAGE("Content-Language", "Content-Language"),
  CONTENT_LENGTH("Content-Length", "Content-Length", "l"),
  CONTENT_TYPE("Content-Type", "Content-Type", "c"),
  CSEQ("CSeq", "CSeq"),
  DATE("Date", "Date"),
  ERROR_INFO("Error-Info", "Error-Info"),
  EXPIRES("Expires", "Expires"),
  FROM("From", "From", "f"),
  IN_REPLY_TO("In-Reply-To", "In-Reply-To"),
  MAX_FORWARDS("Max-Forwards", "Max-Forwards"),
  MIME_VERSION("MIME-Version", "MIME-Version"),
  MIN_EXPIRES("Min-Expires", "Min-Expires"),
  ORGANIZATION("Organization", "Organization"),
  PRIORITY("Priority", "Priority"),
  PROXY_AUTHENTICATE("Proxy-Authenticate", "Proxy-Authenticate"),
  PROXY_AUTHORIZATION("Proxy-Authorization", "Proxy-Authorization"),
  PROXY_REQUIRE("Proxy-Require", "Proxy-Require"),
  RECORD_ROUTE("Record-Route", "Record-Route"),
  REPLY_TO("Reply-To", "Reply-To"),
  REQUIRE("Require", "Require"),
  RETRY_AFTER("Retry-After", "Retry-After"),
  ROUTE("Route", "Route"),
  SERVER("Server", "Server"),
  SUBJECT("Subject", "Subject", "s"),
  SUPPORTED("Supported", "Supported", "k"),
  TIMESTAMP("Timestamp", "Timestamp"),
  TO("To", "To", "t"),
  UNSUPPORTED("Unsupported", "Unsupported"),
  USER_AGENT("User-Agent", "User-Agent"),
  VIA("Via", "Via", "v"),
  WARNING("Warning", "Warning"),
  WWW_AUTHENTICATE("WWW-Authenticate", "WWW-Authenticate"),
  /** Any header field, known or not: {@code header-name HCOLON header-value}. */
  EXTENSION_HEADER("extension-header");

  private static final Map<String, EntryRule> BY_HEADER_NAME =
      Stream.of(values())
          .flatMap(r -> r.headerNames.stream().map(n -> Map.entry(n.toLowerCase(Locale.ROOT), r)))
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

  private static final Map<String, EntryRule> BY_ABNF_NAME =
      Stream.of(values()).collect(Collectors.toUnmodifiableMap(r -> r.abnfName, Function.identity()));

  private final String abnfName;
  private final List<String> headerNames;

  EntryRule(String abnfName, String... headerNames) {
    this.abnfName = abnfName;
    this.headerNames = List.of(headerNames);
  }

  /** The rule's name as §25 spells it, e.g. {@code Request-Line}. */
  public String abnfName() {
    return abnfName;
  }

  /** The header field names this rule accepts, long form first (e.g. Via, v); empty if none. */
  public List<String> headerNames() {
    return headerNames;
  }

  /** Whether this is the rule of a header field defined by RFC 3261. */
  public boolean isKnownHeader() {
    return !headerNames.isEmpty();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //# When comparing header fields, field names are always case-
  //# insensitive.
  /** The rule of a header field known to RFC 3261, by long or compact name, in any case. */
  public static Optional<EntryRule> forHeaderName(String name) {
    return Optional.ofNullable(BY_HEADER_NAME.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The entry rule with this ABNF name, e.g. {@code "CSeq"}. */
  public static Optional<EntryRule> forAbnfName(String abnfName) {
    return Optional.ofNullable(BY_ABNF_NAME.get(abnfName));
  }
}
