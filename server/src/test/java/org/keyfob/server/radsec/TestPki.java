package org.keyfob.server.radsec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.Socket;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A throw-away PKI made with the {@code openssl} command at test time, so no private key is ever
 * committed: a test CA, the server's certificate (SAN IP 127.0.0.1 and DNS localhost), a known
 * client ({@value #PROXY_SUBJECT}, SAN DNS {@value #PROXY_DNS}), a stranger from the same CA that
 * no client entry names, and an impostor with the known client's very subject, signed by another
 * CA. All keys are P-256, PKCS#8, mode 0600.
 */
public final class TestPki {
    public static final String PROXY_SUBJECT = "CN=radsecproxy.test,O=Keyfob Tests";
    public static final String PROXY_DNS = "proxy.test";

    public final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    public static void assumeOpensslInstalled() {
        boolean runs;
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            runs = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            runs = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runs = false;
        }
        assumeTrue(runs, "openssl is not installed; install the Debian package openssl");
    }

    public static TestPki create(Path dir) throws Exception {
        Files.createDirectories(dir);
        TestPki pki = new TestPki(dir);
        pki.authority("ca", "/CN=Keyfob Test CA");
        pki.authority("rogue-ca", "/CN=Someone Else's CA");
        pki.leaf("server", "ca", "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth");
        pki.leaf("proxy", "ca", "/O=Keyfob Tests/CN=radsecproxy.test",
                "subjectAltName=DNS:" + PROXY_DNS + "\nextendedKeyUsage=clientAuth");
        pki.leaf("stranger", "ca", "/CN=stranger.test", "subjectAltName=DNS:stranger.test\nextendedKeyUsage=clientAuth");
        pki.leaf("impostor", "rogue-ca", "/O=Keyfob Tests/CN=radsecproxy.test",
                "subjectAltName=DNS:" + PROXY_DNS + "\nextendedKeyUsage=clientAuth");
        return pki;
    }

    public Path pem(String name) {
        return dir.resolve(name + ".pem");
    }

    public Path key(String name) {
        return dir.resolve(name + ".key");
    }

    public X509Certificate certificate(String name) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem(name))));
    }

    /**
     * A JDK TLS client context presenting {@code name}'s certificate (none when {@code name} is
     * null) and trusting the test CA. The certificate is sent even when the server's list of
     * accepted issuers does not name its CA (the JDK would otherwise send none), so tests see the
     * server refuse a wrong CA rather than a missing certificate.
     */
    public SSLContext clientContext(String name) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (name != null) {
            String pem = Files.readString(key(name), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(pem)));
            keys.setKeyEntry("client", key, new char[0], new Certificate[] {certificate(name)});
        }
        KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(keys, new char[0]);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", certificate("ca"));
        TrustManagerFactory tm = TrustManagerFactory.getInstance("PKIX");
        tm.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        KeyManager[] managers = name == null ? km.getKeyManagers()
                : new KeyManager[] {new AlwaysPresent((X509ExtendedKeyManager) km.getKeyManagers()[0])};
        context.init(managers, tm.getTrustManagers(), null);
        return context;
    }

    /** Presents the one key entry, whatever issuers the server asks for. */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;

        AlwaysPresent(X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    private void authority(String name, String subject) throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key(name).toString());
        openssl("req", "-x509", "-new", "-key", key(name).toString(), "-subj", subject, "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-out", pem(name).toString());
    }

    private void leaf(String name, String issuer, String subject, String extensions) throws Exception {
        Path csr = dir.resolve(name + ".csr");
        Path ext = Files.writeString(dir.resolve(name + ".ext"), extensions + "\nbasicConstraints=CA:FALSE\n");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key(name).toString());
        openssl("req", "-new", "-key", key(name).toString(), "-subj", subject, "-out", csr.toString());
        openssl("x509", "-req", "-in", csr.toString(), "-CA", pem(issuer).toString(), "-CAkey", key(issuer).toString(),
                "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", pem(name).toString());
    }

    private void openssl(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("openssl"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).describedAs("openssl %s finished", args[0]).isTrue();
        assertThat(p.exitValue()).describedAs("openssl %s: %s", String.join(" ", args), output).isZero();
    }
}
