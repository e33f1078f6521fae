package org.sipstrata.syntax;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One value of a Via header field (RFC 3261 §20.42, §25.1): {@code via-parm = sent-protocol LWS
 * sent-by *( SEMI via-params )}, e.g. {@code SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds}.
 *
 * @param protocolName {@code SIP}
 * @param protocolVersion {@code 2.0}
 * @param transport {@code UDP}, {@code TCP}, {@code TLS}, {@code SCTP} or another token, as written
 * @param host the host of sent-by
 * @param port the port of sent-by, when present
 * @param parameters the via-params in order (branch, received, maddr, ttl, rport, extensions)
 */
public record Via(
    String protocolName,
    String protocolVersion,
    String transport,
    Host host,
    OptionalInt port,
    Parameters parameters) {

  //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.7
  //# The branch ID inserted by an element compliant with this
  //# specification MUST always begin with the characters "z9hG4bK".
  /** The magic cookie that starts every branch made under RFC 3261. */
  public static final String MAGIC_COOKIE = "z9hG4bK";

  public Via {
    Objects.requireNonNull(protocolName);
    Objects.requireNonNull(protocolVersion);
    Objects.requireNonNull(transport);
    Objects.requireNonNull(host);
    Objects.requireNonNull(port);
    Objects.requireNonNull(parameters);
  }

  /** A Via of SIP/2.0 over {@code transport} from {@code host} (and port), without parameters. */
  public static Via of(String transport, Host host, OptionalInt port) {
    return new Via("SIP", "2.0", transport, host, port, Parameters.none());
  }

  /**
   * This Via with a fresh branch (magic cookie and random bits, {@link Identifiers#newBranch()}),
   * replacing any branch it had.
   */
  public Via withNewBranch(Identifiers identifiers) {
    return with(Parameter.of("branch", identifiers.newBranch()));
  }

  /** Parses one {@code via-parm} (the value of a Via row with a single value). */
  public static Parsed<Via> parse(CharSequence value) {
    return TypedHeader.VIA.parseValue(value).map(list -> list.get(0));
  }

  /** {@code sent-by}: host, and {@code :port} when present. */
  public String sentBy() {
    return port.isPresent() ? host.text() + ":" + port.getAsInt() : host.text();
  }

  /** The branch parameter (§8.1.1.7), when present. */
  public Optional<String> branch() {
    return parameters.value("branch");
  }

  /** Whether the branch starts with the magic cookie {@value #MAGIC_COOKIE} (§17.2.3). */
  public boolean hasRfc3261Branch() {
    return branch().filter(b -> b.startsWith(MAGIC_COOKIE)).isPresent();
  }

  /** The received parameter (§18.2.1), when present. */
  public Optional<String> received() {
    return parameters.value("received");
  }

  /** The maddr parameter, when present. */
  public Optional<String> maddr() {
    return parameters.value("maddr");
  }

  /** The ttl parameter (0-255 by the grammar), when present. */
  public OptionalInt ttl() {
    return parameters.value("ttl").filter(t -> !t.isEmpty() && t.chars().allMatch(Character::isDigit))
        .filter(t -> t.length() <= 3).map(t -> OptionalInt.of(Integer.parseInt(t)))
        .orElse(OptionalInt.empty());
  }

  /**
   * Whether the rport parameter of RFC 3581 is present, with or without a value: a client puts it
   * without a value, a server fills it in (RFC 3581 §4).
   */
  public boolean hasRport() {
    return parameters.has("rport");
  }

  /** The rport parameter's port, when present with a value (RFC 3581 §4). */
  public OptionalInt rport() {
    return parameters.value("rport").filter(t -> !t.isEmpty() && t.length() <= 5
        && t.chars().allMatch(Character::isDigit)).map(t -> OptionalInt.of(Integer.parseInt(t)))
        .orElse(OptionalInt.empty());
  }

  /** This Via with a parameter set (replacing one of the same name). */
  public Via with(Parameter parameter) {
    return new Via(protocolName, protocolVersion, transport, host, port, parameters.with(parameter));
  }

  /** {@code SIP/2.0/UDP host:port;params}. */
  @Override
  public String toString() {
    return protocolName + "/" + protocolVersion + "/" + transport + " " + sentBy() + parameters;
  }
}
