package org.keyfob.server.radsec;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a TLS client only if its chain verifies against the configured CA (the JDK's PKIX
 * checks: signatures, validity, clientAuth key usage) and its certificate is one of
 * {@code radsec.clients}. Either failure refuses the handshake with a TLS alert, so an unknown
 * peer never gets to send a RADIUS packet. Never used to check a server.
 */
final class ClientCertificateTrust extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager ca;
    private final ClientCertificates clients;

    ClientCertificateTrust(X509ExtendedTrustManager ca, ClientCertificates clients) {
        this.ca = ca;
        this.clients = clients;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            ca.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw notFromCa(chain, e);
        }
        known(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            ca.checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw notFromCa(chain, e);
        }
        known(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            ca.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            throw notFromCa(chain, e);
        }
        known(chain);
    }

    private static CertificateException notFromCa(X509Certificate[] chain, CertificateException cause) {
        String who = chain.length == 0 ? "an empty chain" : "the certificate (" + ClientCertificates.describe(chain[0]) + ")";
        return new CertificateException(who + " does not verify against radsec.ca: " + cause.getMessage(), cause);
    }

    private void known(X509Certificate[] chain) throws CertificateException {
        if (clients.find(chain[0]).isEmpty()) {
            throw new CertificateException("the certificate (" + ClientCertificates.describe(chain[0])
                    + ") chains to radsec.ca but matches no entry of radsec.clients; add it there to let it in");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the RadSec listener never checks a server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the RadSec listener never checks a server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the RadSec listener never checks a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return ca.getAcceptedIssuers();
    }
}
