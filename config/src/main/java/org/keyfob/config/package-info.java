/**
 * The configuration file, read once at start-up into immutable records, by keyfobd and by the
 * keyfob admin tool alike: {@link org.keyfob.config.StoreOpener} opens the store the file names,
 * so both find the same one.
 *
 * <p>{@link org.keyfob.config.ConfigLoader} reads {@code keyfob.yaml} through SnakeYAML
 * Engine's node tree so that every problem names its file and line, and reports all problems at
 * once in one {@link org.keyfob.config.ConfigException}. Unknown keys are errors. Nothing
 * here reads environment variables or system properties; the records are what the rest of the
 * server sees. Start with {@link org.keyfob.config.ServerConfig}.
 */
package org.keyfob.config;
