package org.keyfob.oath.provision.pskc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields of one KeyPackage as the file spells them, before any checking or decryption, and
 * the problems met while reading it. Mutable, filled by {@link KeyPackageParser}, used once.
 */
final class RawKeyPackage {
    final int index;
    final int line;
    final List<PskcError> problems = new ArrayList<>();
    Optional<String> manufacturer = Optional.empty();
    Optional<String> serialNo = Optional.empty();
    Optional<String> model = Optional.empty();
    Optional<String> issueNo = Optional.empty();
    Optional<String> keyId = Optional.empty();
    Optional<String> algorithm = Optional.empty();
    Optional<String> issuer = Optional.empty();
    Optional<String> suite = Optional.empty();
    Optional<String> responseLength = Optional.empty();
    Optional<String> responseEncoding = Optional.empty();
    Optional<DataValue> secret = Optional.empty();
    Optional<DataValue> counter = Optional.empty();
    Optional<DataValue> time = Optional.empty();
    Optional<DataValue> timeInterval = Optional.empty();
    Optional<DataValue> timeDrift = Optional.empty();
    Optional<String> startDate = Optional.empty();
    Optional<String> expiryDate = Optional.empty();
    Optional<String> deviceStartDate = Optional.empty();
    Optional<String> deviceExpiryDate = Optional.empty();
    Optional<String> keyfobStatus = Optional.empty();
    Optional<String> keyfobNextTimeStep = Optional.empty();
    int keyCount;

    RawKeyPackage(int index, int line) {
        this.index = index;
        this.line = line;
    }

    /** The serial to report and store: DeviceInfo/SerialNo, else Key/@Id. */
    Optional<String> serial() {
        return serialNo.or(() -> keyId);
    }
}
