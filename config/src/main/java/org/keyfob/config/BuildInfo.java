package org.keyfob.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts fixed at build time, read from {@code version.properties} that Maven filters. */
public final class BuildInfo {

    private BuildInfo() {
    }

    /** The project version, such as {@code 0.1.0}, or {@code unknown} outside a Maven build. */
    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
