package org.keyfob.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keyfob.oath.store.ReplyAttribute;
import org.tinyradius.core.attribute.AttributeTemplate;
import org.tinyradius.core.dictionary.MemoryDictionary;
import org.tinyradius.core.dictionary.Vendor;
import org.tinyradius.core.dictionary.WritableDictionary;
import org.tinyradius.core.dictionary.parser.ResourceParser;
import org.tinyradius.core.dictionary.parser.resolver.ClasspathResourceResolver;
import org.tinyradius.core.dictionary.parser.resolver.FileResourceResolver;

/**
 * Turns a user's {@link ReplyAttribute} ({@code Filter-Id=vpn-staff}) into the bytes of an
 * Access-Accept attribute. Names and data types come from tinyradius-netty's default dictionary
 * (the RFC attributes), plus an optional FreeRADIUS-format file for vendor attributes
 * ({@code radius.dictionary} in keyfob.yaml). The value text is parsed here, strictly: host names
 * are never resolved, numbers must fit their width.
 *
 * <p>Both keyfobd (when it answers) and {@code keyfob user set-reply} (when an admin writes)
 * use it, so a value the CLI accepted is one the server can send. Immutable once loaded, and
 * thread-safe.
 */
public final class ReplyDictionary {
    private static final String DEFAULT_DICTIONARY = "org/tinyradius/core/dictionary/default_dictionary";
    private static final int VENDOR_SPECIFIC = 26;
    /** Attributes the server writes itself, or that must never come from an admin's text. */
    private static final Set<Integer> SERVER_OWNED = Set.of(2, 3, 24, VENDOR_SPECIFIC, 33, 79, 80);
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern LINE = Pattern.compile("line:? (\\d+)");

    private final WritableDictionary dictionary;

    private ReplyDictionary(WritableDictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** The standard attributes only. */
    public static ReplyDictionary standard() {
        return new ReplyDictionary(parseDefault());
    }

    /**
     * The standard attributes and those of {@code extra}, a dictionary in FreeRADIUS format
     * (VENDOR, BEGIN-VENDOR, ATTRIBUTE, VALUE, $INCLUDE relative to the file).
     *
     * @throws ConfigException naming the file and, where the parser gives one, the line
     */
    public static ReplyDictionary load(Optional<Path> extra) throws ConfigException {
        WritableDictionary dictionary = parseDefault();
        if (extra.isEmpty()) {
            return new ReplyDictionary(dictionary);
        }
        Path file = extra.get().toAbsolutePath().normalize();
        if (!Files.isReadable(file)) {
            throw new ConfigException(List.of(file + ": no such dictionary file (radius.dictionary); give the path"
                    + " of a FreeRADIUS-format dictionary, or remove the setting"));
        }
        try {
            new ResourceParser(dictionary, FileResourceResolver.INSTANCE).parseDictionary(file.toString());
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(List.of(file + ": not a dictionary tinyradius can read: "
                    + fromOneBased(String.valueOf(e.getMessage()))));
        }
        return new ReplyDictionary(dictionary);
    }

    private static WritableDictionary parseDefault() {
        try {
            return new ResourceParser(new MemoryDictionary(), ClasspathResourceResolver.INSTANCE)
                    .parseDictionary(DEFAULT_DICTIONARY);
        } catch (IOException e) {
            throw new AssertionError("tinyradius-netty's default dictionary is missing from the class path", e);
        }
    }

    /** tinyradius counts lines from 0; an admin's editor counts from 1. */
    private static String fromOneBased(String message) {
        Matcher m = LINE.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "line " + (Integer.parseInt(m.group(1)) + 1));
        }
        return m.appendTail(out).toString();
    }

    /**
     * The attribute's wire form.
     *
     * @throws IllegalArgumentException saying which name is unknown, or why the value does not
     *     fit the attribute's type
     */
    public WireAttribute encode(ReplyAttribute attribute) {
        String name = attribute.name();
        AttributeTemplate template = dictionary.getAttributeTemplate(name).orElseThrow(() ->
                new IllegalArgumentException(name + ": no such attribute in the RADIUS dictionary; check the"
                        + " spelling (names are case-sensitive, as Filter-Id) or add a vendor dictionary"
                        + " with radius.dictionary in keyfob.yaml"));
        int vendorId = template.getVendorId();
        if (vendorId == -1 && SERVER_OWNED.contains(template.getType())) {
            throw new IllegalArgumentException(name + ": cannot be a reply attribute; the server writes it"
                    + " itself or it needs the request to encode");
        }
        if (template.encryptEnabled()) {
            throw new IllegalArgumentException(name + ": is encrypted with the shared secret on the wire, which"
                    + " reply attributes do not support");
        }
        byte[] data = data(template, attribute.value());
        if (template.isTagged()) {
            data = tagged(template, data);
        }
        if (vendorId == -1) {
            return new WireAttribute(template.getType(), checkLength(name, data, WireAttribute.MAX_VALUE));
        }
        Vendor vendor = dictionary.getVendor(vendorId).orElseThrow(() ->
                new AssertionError("dictionary has " + name + " but not its vendor " + vendorId));
        int header = vendor.getTypeSize() + vendor.getLengthSize();
        checkLength(name, data, WireAttribute.MAX_VALUE - 4 - header);
        ByteBuffer vsa = ByteBuffer.allocate(4 + header + data.length);
        vsa.putInt(vendorId).put(vendor.toTypeBytes(template.getType()))
                .put(vendor.toLengthBytes(header + data.length)).put(data);
        return new WireAttribute(VENDOR_SPECIFIC, vsa.array());
    }

    /** Checks every attribute, in order; the first problem is thrown. */
    public List<WireAttribute> encodeAll(List<ReplyAttribute> attributes) {
        return attributes.stream().map(this::encode).toList();
    }

    private byte[] data(AttributeTemplate template, String value) {
        String name = template.getName();
        String type = template.getDataType();
        switch (type) {
            case "string", "text":
                return value.getBytes(StandardCharsets.UTF_8);
            case "octets":
                return hex(name, value);
            case "integer", "date":
                return ByteBuffer.allocate(4).putInt((int) unsigned(template, value, 0xFFFF_FFFFL)).array();
            case "short":
                return ByteBuffer.allocate(2).putShort((short) unsigned(template, value, 0xFFFF)).array();
            case "byte":
                return new byte[] {(byte) unsigned(template, value, 0xFF)};
            case "ipaddr":
                return ipv4(name, value);
            case "ipv6addr":
                return ipv6(name, value);
            default:
                throw new IllegalArgumentException(name + ": its type " + type + " is not supported for reply"
                        + " attributes; supported: string, octets, integer, date, short, byte, ipaddr, ipv6addr");
        }
    }

    private static long unsigned(AttributeTemplate template, String value, long max) {
        Integer named = template.getEnumeration(value);
        if (named != null) {
            return Integer.toUnsignedLong(named);
        }
        try {
            long number = Long.parseLong(value);
            if (number >= 0 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the expected range.
        }
        throw new IllegalArgumentException(template.getName() + ": \"" + value + "\" is not a valid "
                + template.getDataType() + "; expected a whole number 0.." + max + " or one of the names the dictionary gives it");
    }

    private static byte[] hex(String name, String value) {
        String digits = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": \"" + value + "\" is not octets; expected hexadecimal"
                    + " such as 0x0a0b0c");
        }
    }

    private static byte[] ipv4(String name, String value) {
        if (!IPV4.matcher(value).matches()) {
            throw new IllegalArgumentException(name + ": \"" + value + "\" is not an ipaddr; expected an IPv4"
                    + " address such as 10.0.0.5 (host names are not resolved)");
        }
        String[] parts = value.split("\\.");
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) Integer.parseInt(parts[i]);
        }
        return out;
    }

    private static byte[] ipv6(String name, String value) {
        try {
            // With a colon in it, getByName parses the literal and asks no DNS.
            if (value.contains(":") && value.matches("[0-9A-Fa-f:.]+")) {
                byte[] address = InetAddress.getByName(value).getAddress();
                if (address.length == 16) {
                    return address;
                }
            }
        } catch (UnknownHostException e) {
            // Reported below.
        }
        throw new IllegalArgumentException(name + ": \"" + value + "\" is not an ipv6addr; expected an IPv6"
                + " address such as 2001:db8::5");
    }

    /** RFC 2868 §3: tag 0 (no tunnel grouping); an integer gives up its top octet to the tag. */
    private static byte[] tagged(AttributeTemplate template, byte[] data) {
        if (data.length == 4 && template.getDataType().equals("integer")) {
            if (data[0] != 0) {
                throw new IllegalArgumentException(template.getName() + ": value must be below 16777216, as"
                        + " the tag takes the first octet (RFC 2868 §3)");
            }
            return data;
        }
        byte[] out = new byte[data.length + 1];
        System.arraycopy(data, 0, out, 1, data.length);
        return out;
    }

    private static byte[] checkLength(String name, byte[] data, int max) {
        if (data.length > max) {
            throw new IllegalArgumentException(name + ": value is " + data.length + " bytes on the wire; at most "
                    + max + " fit");
        }
        return data;
    }
}
