package org.keyfob.server.radius;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.keyfob.config.CertificateMatch;
import org.keyfob.config.RadsecClientConfig;
import org.keyfob.config.RadsecConfig;
import org.keyfob.oath.auth.PasswordMode;
import org.keyfob.server.radsec.RadsecListener;
import org.keyfob.server.radsec.TestPki;

/**
 * {@link RunningServer} plus a RadSec listener on 127.0.0.1 and a free port, using the test PKI,
 * with one RadSec client, {@value #CLIENT}, matched by the subject of the PKI's "proxy" certificate.
 */
final class RadsecServer implements AutoCloseable {
    static final String CLIENT = "proxy1";
    /** RFC 6614 §2.3. */
    static final String SECRET = "radsec";

    final RunningServer radius;
    final RadsecListener radsec;

    private RadsecServer(RunningServer radius, RadsecListener radsec) {
        this.radius = radius;
        this.radsec = radsec;
    }

    static RadsecServer start(Path dir, TestPki pki) throws IOException {
        RunningServer radius = RunningServer.start(dir);
        try {
            RadsecConfig config = new RadsecConfig(List.of(InetAddress.getLoopbackAddress()), 0, pki.pem("server"),
                    pki.key("server"), pki.pem("ca"), List.of(new RadsecClientConfig(CLIENT,
                            new CertificateMatch.Subject(TestPki.PROXY_SUBJECT), Optional.empty(), false)));
            return new RadsecServer(radius, RadsecListener.start(config, PasswordMode.PIN_OTP, radius.intake()));
        } catch (IOException | RuntimeException e) {
            radius.close();
            throw e;
        }
    }

    int port() {
        return radsec.boundAddresses().get(0).getPort();
    }

    long counter(String name) {
        return name.startsWith("radsec_") ? radsec.counters().get(name) : radius.counter(name);
    }

    /** Writes one packet on the connection. */
    static void send(SSLSocket socket, byte[] packet) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(packet);
        out.flush();
    }

    /** Reads one whole RADIUS packet by its Length field; EOFException when the server closed the connection. */
    static byte[] receive(SSLSocket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = new byte[4];
        in.readFully(header);
        int length = (header[2] & 0xff) << 8 | header[3] & 0xff;
        byte[] packet = Arrays.copyOf(header, length);
        in.readFully(packet, 4, length - 4);
        return packet;
    }

    /** True when the server closes the connection (or the TLS layer fails) before sending anything. */
    static boolean closedWithoutAnswer(SSLSocket socket) {
        try {
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            radsec.close();
        } finally {
            radius.close();
        }
    }
}
