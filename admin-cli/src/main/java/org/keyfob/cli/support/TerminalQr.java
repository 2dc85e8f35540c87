package org.keyfob.cli.support;

import io.nayuki.qrcodegen.QrCode;

/**
 * Draws a QR code with Unicode half blocks, two modules a character cell high, with the quiet
 * zone of four modules the standard asks for. Light modules are drawn as ink, as {@code qrencode
 * -t UTF8} does, because most terminals show light text on a dark background; phone cameras read
 * it either way.
 */
public final class TerminalQr {
    /** Quiet zone around the symbol, in modules (ISO/IEC 18004 §6.3.8). */
    public static final int QUIET = 4;

    private TerminalQr() {
    }

    public static String draw(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = qr.size + 2 * QUIET;
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < size; y += 2) {
            for (int x = 0; x < size; x++) {
                boolean top = light(qr, x - QUIET, y - QUIET);
                boolean bottom = y + 1 >= size || light(qr, x - QUIET, y + 1 - QUIET);
                out.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static boolean light(QrCode qr, int x, int y) {
        return !qr.getModule(x, y);
    }
}
