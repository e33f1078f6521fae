package org.sipstrata.spec;

import java.util.Comparator;

/**
 * A problem found in a citation: an error fails the build, a warning is reported.
 *
 * @param file the path relative to the scanned root
 * @param line the 1-based line
 * @param error true for an error, false for a warning
 * @param message what is wrong, in plain words
 */
public record Finding(String file, int line, boolean error, String message) {

  /** By file, then line, then message: the order of every listing. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::file)
          .thenComparingInt(Finding::line)
          .thenComparing(Finding::message);

  public static Finding error(String file, int line, String message) {
    return new Finding(file, line, true, message);
  }

  public static Finding warning(String file, int line, String message) {
    return new Finding(file, line, false, message);
  }

  /** "path:line: message" for errors, "path:line: warning: message" for warnings. */
  @Override
  public String toString() {
    return file + ":" + line + ": " + (error ? "" : "warning: ") + message;
  }
}
