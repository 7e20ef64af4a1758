/**
 * Test-only fault injection for the reliability tests, inert in production: driver pause points
 * (the engine's {@link dev.groot.model.engine.FaultHook}) and failed first task attempts.
 */
package dev.groot.spark.fault;
