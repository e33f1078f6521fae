package org.sipstrata.transport;

/** A scheduled task that can still be called off. */
@FunctionalInterface
public interface Cancellable {

  /**
   * Calls the task off. Returns {@code true} if it had not run yet and now never will, {@code
   * false} if it already ran, was already cancelled, or is running.
   */
  boolean cancel();
}
