package org.keyfob.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address block, {@code 10.1.0.0/16} or {@code 2001:db8::/32}; a bare address is
 * a block of one. Parsed from literals only: a host name is refused, never looked up.
 */
public record CidrBlock(InetAddress network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public CidrBlock {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0.." + bits + ", was " + prefixLength);
        }
        byte[] masked = mask(network.getAddress(), prefixLength);
        if (!Arrays.equals(masked, network.getAddress())) {
            throw new IllegalArgumentException(network.getHostAddress() + "/" + prefixLength
                    + " has host bits set; did you mean " + address(masked).getHostAddress() + "/" + prefixLength + "?");
        }
    }

    /** Parses {@code 192.0.2.0/24}, {@code 192.0.2.7}, {@code 2001:db8::/32} or {@code ::1}. */
    public static CidrBlock parse(String text) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        if (!IPV4.matcher(host).matches() && !host.contains(":")) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address or CIDR block such as"
                    + " 192.0.2.0/24 (host names are not resolved)");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address or CIDR block");
        }
        int bits = address.getAddress().length * 8;
        if (slash < 0) {
            return new CidrBlock(address, bits);
        }
        try {
            return new CidrBlock(address, Integer.parseInt(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\": prefix length must be a number 0.." + bits);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        return a.length == network.getAddress().length
                && Arrays.equals(mask(a, prefixLength), network.getAddress());
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }
}
