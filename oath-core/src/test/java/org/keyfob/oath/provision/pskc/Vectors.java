package org.keyfob.oath.provision.pskc;

import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import org.keyfob.oath.provision.ImportException;
import org.keyfob.oath.provision.ImportedToken;

/** Test helpers: read a PSKC file from {@code src/test/resources/vectors/pskc}. */
final class Vectors {
    private Vectors() {
    }

    static List<ImportedToken> read(String file, PskcKey key) throws Exception {
        try (InputStream in = open(file)) {
            return new PskcReader(key).read(in, file);
        }
    }

    static ImportException refused(String file, PskcKey key) throws Exception {
        try (InputStream in = open(file)) {
            new PskcReader(key).read(in, file);
        } catch (ImportException e) {
            return e;
        }
        throw new AssertionError(file + " was accepted");
    }

    static InputStream open(String file) {
        InputStream in = Vectors.class.getResourceAsStream("/vectors/pskc/" + file);
        if (in == null) {
            throw new AssertionError("missing test vector " + file);
        }
        return in;
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
