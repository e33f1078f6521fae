/**
 * Test oracles for ABNF: an exact matcher that decides whether bytes match a rule, and a seeded
 * random generator of strings a rule accepts (and of mutations of them). Tests of generated parsers
 * check that the parser and the matcher agree.
 */
package org.sipstrata.abnf.oracle;
