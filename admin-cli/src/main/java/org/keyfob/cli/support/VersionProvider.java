package org.keyfob.cli.support;

import org.keyfob.config.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** Prints {@code keyfob <version>}, the build's version (see {@link BuildInfo}). */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"keyfob " + BuildInfo.version()};
    }
}
