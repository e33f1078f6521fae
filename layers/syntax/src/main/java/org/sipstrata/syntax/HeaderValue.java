package org.sipstrata.syntax;

import java.util.Optional;

/**
 * The typed value of a header field in a message ({@link SipMessage#get(TypedHeader)}): absent,
 * valid, or malformed with the typed error. Reading a header never throws.
 *
 * <p>For a single-value header the first row counts (as for {@link SipMessage#cseq()}); for a
 * comma-list header (§7.3.1) the values of every row are concatenated in order, and the first
 * malformed row makes the whole value malformed.
 *
 * @param <T> the type of the value
 */
public sealed interface HeaderValue<T> {

  /** The message has no row of this header field. */
  record Absent<T>() implements HeaderValue<T> {}

  /** Every row of the header field matched its rule; this is the value. */
  record Valid<T>(T value) implements HeaderValue<T> {
    public Valid {
      java.util.Objects.requireNonNull(value);
    }
  }

  /** A row did not match its rule of §25, or holds a value out of range; positions are in the message. */
  record Malformed<T>(SyntaxError error) implements HeaderValue<T> {
    public Malformed {
      java.util.Objects.requireNonNull(error);
    }
  }

  /** Whether the header is present and valid. */
  default boolean isValid() {
    return this instanceof Valid;
  }

  /** The value when present and valid, else empty. */
  default Optional<T> toOptional() {
    return this instanceof Valid<T> valid ? Optional.of(valid.value()) : Optional.empty();
  }

  /** The error when malformed, else empty. */
  default Optional<SyntaxError> failure() {
    return this instanceof Malformed<T> malformed ? Optional.of(malformed.error()) : Optional.empty();
  }
}
