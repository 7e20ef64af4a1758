/**
 * The GROOT engine's interfaces implemented in one JVM over in-memory lists: a whole run without
 * Spark, for unit tests, tiny data and as the reference the Spark implementations must agree with.
 */
package dev.groot.model.engine.local;
