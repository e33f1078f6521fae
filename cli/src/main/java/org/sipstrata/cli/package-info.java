/**
 * The {@code strata} command: one subcommand per layer of the stack, each small enough to read
 * beside its tutorial chapter.
 */
package org.sipstrata.cli;
