package org.sipstrata.syntax;

import java.util.Optional;

/**
 * The outcome of reading a value with the grammar of RFC 3261 §25: the value, or the typed reason
 * there is none. Errors are values, never exceptions.
 *
 * @param <T> the type of the value
 */
public sealed interface Parsed<T> {

  /** The text matched its rule and gave this value. */
  record Ok<T>(T value) implements Parsed<T> {
    public Ok {
      java.util.Objects.requireNonNull(value);
    }
  }

  /** The text did not match its rule, or a value is outside the range its section allows. */
  record Failed<T>(SyntaxError error) implements Parsed<T> {
    public Failed {
      java.util.Objects.requireNonNull(error);
    }
  }

  /** Whether there is a value. */
  default boolean isOk() {
    return this instanceof Ok;
  }

  /** The value, or empty. */
  default Optional<T> toOptional() {
    return this instanceof Ok<T> ok ? Optional.of(ok.value()) : Optional.empty();
  }

  /** The error, or empty. */
  default Optional<SyntaxError> failure() {
    return this instanceof Failed<T> failed ? Optional.of(failed.error()) : Optional.empty();
  }

  /** This outcome with its value mapped (an error stays the same error). */
  default <R> Parsed<R> map(java.util.function.Function<? super T, ? extends R> f) {
    return switch (this) {
      case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
      case Failed<T> failed -> new Failed<>(failed.error());
    };
  }
}
