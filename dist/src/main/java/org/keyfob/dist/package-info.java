/**
 * Build-time tools of the {@code dist} module; none of this ships. {@link GenerateDistFiles} runs
 * in {@code process-classes}: man page sources and bash completion from the live picocli models of
 * {@code keyfob} and {@code keyfobd} (so new commands appear without touching this module), and
 * the packaged {@code /etc/keyfob/keyfob.yaml} derived from {@code etc/keyfob.yaml}
 * ({@link PackagedConfig}). {@link GzipManPages} compresses the rendered pages for Debian.
 */
package org.keyfob.dist;
