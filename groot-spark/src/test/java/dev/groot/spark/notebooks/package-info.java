/** Tests of the Zeppelin notes in {@code notebooks/}: structure, forms and every SQL paragraph run on a real run. */
package dev.groot.spark.notebooks;
