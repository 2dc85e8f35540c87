package org.keyfob.server.radsec;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.keyfob.config.RadsecConfig;

/**
 * The server's TLS context for RadSec: its certificate and key from PEM, TLS 1.2 and 1.3 only
 * (RFC 6614 §2.3 asks for at least 1.1; BCP 195 for at least 1.2), and a client certificate
 * required and checked by {@link ClientCertificateTrust}.
 */
final class RadsecTls {
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private RadsecTls() {
    }

    static SslContext serverContext(RadsecConfig config, ClientCertificates clients) throws IOException {
        List<X509Certificate> chain = PemFiles.certificates(config.certificate(), "radsec.certificate");
        PrivateKey key = PemFiles.privateKey(config.privateKey());
        List<X509Certificate> authorities = PemFiles.certificates(config.ca(), "radsec.ca");
        try {
            return SslContextBuilder.forServer(key, chain)
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .clientAuth(ClientAuth.REQUIRE)
                    .trustManager(new ClientCertificateTrust(caTrust(authorities), clients))
                    .build();
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("radsec.certificate " + config.certificate() + " and radsec.private-key "
                    + config.privateKey() + " cannot be used together (" + e.getMessage() + "); check that the key"
                    + " belongs to the certificate", e);
        }
    }

    private static X509ExtendedTrustManager caTrust(List<X509Certificate> authorities) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new AssertionError("the JDK's PKIX TrustManagerFactory gave no X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a trust store from radsec.ca: " + e.getMessage(), e);
        }
    }
}
