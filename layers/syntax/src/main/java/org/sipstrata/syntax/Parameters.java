package org.sipstrata.syntax;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Parameters in the order written, looked up by name case-insensitively.
 *
 * <p>Record equality is structural (names and values as written, in order); the RFC's comparisons
 * (e.g. {@link SipUri#equivalentTo}) are separate methods.
 */
public record Parameters(List<Parameter> list) {

  private static final Parameters NONE = new Parameters(List.of());

  public Parameters {
    list = List.copyOf(list);
  }

  /** No parameters. */
  public static Parameters none() {
    return NONE;
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //# Unless otherwise stated in
  //# the definition of a particular header field, field values, parameter
  //# names, and parameter values are case-insensitive.
  /** The first parameter with this name, in any case. */
  public Optional<Parameter> get(String name) {
    for (Parameter p : list) {
      if (p.name().equalsIgnoreCase(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Whether a parameter with this name (any case) is present, with or without a value. */
  public boolean has(String name) {
    return get(name).isPresent();
  }

  /** The value of the named parameter, when present with a value. */
  public Optional<String> value(String name) {
    return get(name).flatMap(Parameter::value);
  }

  /** The parameter names in lower case, in order. */
  public List<String> names() {
    return list.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList();
  }

  /** These parameters with {@code parameter} replacing any of the same name, or appended. */
  public Parameters with(Parameter parameter) {
    List<Parameter> out = new java.util.ArrayList<>(list);
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).name().equalsIgnoreCase(parameter.name())) {
        out.set(i, parameter);
        return new Parameters(out);
      }
    }
    out.add(parameter);
    return new Parameters(out);
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  /** {@code ;a=1;b} — each parameter preceded by a semicolon; empty when there are none. */
  @Override
  public String toString() {
    return list.stream().map(p -> ";" + p).collect(Collectors.joining());
  }
}
