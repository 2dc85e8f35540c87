package org.keyfob.oath.provision.pskc;

import java.util.Optional;

/**
 * One child of {@code Data} (Secret, Counter, Time, TimeInterval, TimeDrift) as written (RFC 6030
 * §4.1): exactly one of a plain value (base64 for Secret, decimal for the others) or an encrypted
 * value, plus the {@code ValueMAC} over the ciphertext when the file has a MACMethod.
 *
 * @param element where it sits, e.g. {@code Data/Counter}, for messages
 */
record DataValue(String element, Optional<String> plain, Optional<EncryptedData> encrypted,
        Optional<String> valueMac) {

    DataValue {
        if (plain.isPresent() == encrypted.isPresent()) {
            throw new IllegalArgumentException("exactly one of plain and encrypted");
        }
    }
}
