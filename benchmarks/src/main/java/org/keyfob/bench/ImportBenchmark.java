package org.keyfob.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.keyfob.oath.provision.ImportedToken;
import org.keyfob.oath.provision.csv.CsvOptions;
import org.keyfob.oath.provision.csv.CsvReader;
import org.keyfob.oath.provision.pskc.PskcKey;
import org.keyfob.oath.provision.pskc.PskcReader;
import org.keyfob.oath.provision.pskc.PskcWriter;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.ImportTally;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.store.TokenImport;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.store.jdbi.JdbiStore;
import org.keyfob.oath.store.jdbi.MasterKeyFile;
import org.keyfob.oath.store.jdbi.StoreSettings;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/**
 * Import throughput and peak heap: generates files of N keys (plain PSKC, passphrase-protected
 * PSKC from {@link PskcWriter}, and a hex CSV seed list), then imports each into a fresh H2 file
 * store the way {@code keyfob token import} does (reader, {@code TokenStore.beginImport}, one
 * transaction, batches of 1000). A plain main rather than JMH: one import of a million keys is
 * the measurement, not a hot loop. Run it with a small heap to show memory does not grow with N:
 *
 * <pre>
 * java -Xmx128m -cp benchmarks/target/benchmarks.jar org.keyfob.bench.ImportBenchmark 1000000
 * </pre>
 *
 * Arguments: the key count (default 100000), then formats to run (default all:
 * {@code pskc pskc-passphrase csv}), and {@code --read-only} to time the readers alone (tokens
 * dropped as read, no store), which separates the readers' memory from the database's. Files (kept for the next run) and stores (deleted after each
 * run) go to {@code benchmarks/target/import-bench/}.
 */
public final class ImportBenchmark {
    private static final char[] PASSPHRASE = "import benchmark passphrase".toCharArray();

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<String> rest = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        boolean readOnly = rest.contains("--read-only");
        List<String> formats = rest.stream().filter(a -> !a.startsWith("--")).toList();
        if (formats.isEmpty()) {
            formats = List.of("pskc", "pskc-passphrase", "csv");
        }
        Path root = Paths.get("benchmarks", "target", "import-bench").toAbsolutePath();
        Files.createDirectories(root);
        System.out.printf("import benchmark: %,d keys, max heap %d MB, %d CPUs%n", count,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        for (String format : formats) {
            Path file = root.resolve(count + "." + format);
            if (!Files.exists(file)) {
                long t = System.nanoTime();
                generate(format, count, file);
                System.out.printf("  generated %s (%d MB) in %.1f s%n", file.getFileName(), Files.size(file) >> 20,
                        (System.nanoTime() - t) / 1e9);
            }
            if (readOnly) {
                readOnly(format, count, file);
            } else {
                run(format, count, file, root.resolve("store-" + count + "-" + format));
            }
        }
    }

    private static void run(String format, int count, Path file, Path storeDir) throws Exception {
        delete(storeDir);
        Files.createDirectories(storeDir);
        try (JdbiStore store = JdbiStore.open(StoreSettings.h2File(storeDir),
                MasterKeyFile.loadOrCreate(storeDir.resolve("master.key")), Clock.systemUTC())) {
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            ImportTally tally;
            try (TokenImport importing = store.tokens().beginImport(Actor.admin("bench"), new TokenImport.Rules(false, false));
                 InputStream in = Files.newInputStream(file)) {
                Consumer<ImportedToken> put = t -> importing.put(new NewToken(t.token(), t.details()), t.user(), t.origin());
                if (format.equals("csv")) {
                    new CsvReader(CsvOptions.defaults()).read(in, file.getFileName().toString(), put);
                } else {
                    PskcKey key = format.equals("pskc") ? PskcKey.none() : PskcKey.passphrase(PASSPHRASE);
                    new PskcReader(key).read(in, file.getFileName().toString(), put);
                }
                tally = importing.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (processCpuNanos() - cpuStart) / 1e9;
            // The old generation's peak bounds what stayed alive; young pools peak at their size.
            long oldPeak = heap.stream().filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long usedAfter = usedAfterGc();
            if (tally.addedCount() != count || store.tokens().count() != count) {
                throw new AssertionError("imported " + tally.addedCount() + " of " + count);
            }
            System.out.printf("  %-16s %,9d keys in %6.1f s = %,7.0f tokens/s (process CPU %.1f s), old gen peak %d MB, "
                    + "heap after import and GC %d MB%n", format, count, seconds, count / seconds, cpu, oldPeak >> 20,
                    usedAfter >> 20);
        }
        System.out.printf("  store on disk: %d MB (deleted)%n", size(storeDir) >> 20);
        delete(storeDir);
    }

    /** The reader alone, tokens dropped as read: what the import costs before the store. */
    private static void readOnly(String format, int count, Path file) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        long[] read = {0};
        Consumer<ImportedToken> drop = t -> {
            t.token().seed().destroy();
            read[0]++;
        };
        try (InputStream in = Files.newInputStream(file)) {
            if (format.equals("csv")) {
                new CsvReader(CsvOptions.defaults()).read(in, file.getFileName().toString(), drop);
            } else {
                PskcKey key = format.equals("pskc") ? PskcKey.none() : PskcKey.passphrase(PASSPHRASE);
                new PskcReader(key).read(in, file.getFileName().toString(), drop);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long oldPeak = heap.stream().filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        if (read[0] != count) {
            throw new AssertionError("read " + read[0] + " of " + count);
        }
        System.out.printf("  %-16s %,9d keys read (no store) in %6.1f s = %,8.0f tokens/s, old gen peak %d MB%n",
                format, count, seconds, count / seconds, oldPeak >> 20);
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long usedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void generate(String format, int count, Path file) throws IOException {
        SplittableRandom random = new SplittableRandom(6030);
        byte[] secret = new byte[20];
        switch (format) {
            case "csv" -> {
                try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    out.write("serial,secret,counter\n");
                    for (int i = 0; i < count; i++) {
                        random.nextBytes(secret);
                        out.write(serial(i) + "," + HexFormat.of().formatHex(secret) + "," + random.nextInt(1000) + "\n");
                    }
                }
            }
            case "pskc" -> {
                try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<KeyContainer Version=\"1.0\" "
                            + "xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">\n");
                    for (int i = 0; i < count; i++) {
                        random.nextBytes(secret);
                        out.write("<KeyPackage><DeviceInfo><Manufacturer>Bench</Manufacturer><SerialNo>" + serial(i)
                                + "</SerialNo></DeviceInfo><Key Id=\"" + serial(i) + "\" Algorithm=\"urn:ietf:params:xml:ns:"
                                + "keyprov:pskc:hotp\"><AlgorithmParameters><ResponseFormat Length=\"6\" Encoding=\"DECIMAL\"/>"
                                + "</AlgorithmParameters><Data><Secret><PlainValue>" + Base64.getEncoder().encodeToString(secret)
                                + "</PlainValue></Secret><Counter><PlainValue>" + random.nextInt(1000)
                                + "</PlainValue></Counter></Data></Key></KeyPackage>\n");
                    }
                    out.write("</KeyContainer>\n");
                }
            }
            case "pskc-passphrase" -> {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                     PskcWriter writer = PskcWriter.passphraseProtected(out, PASSPHRASE, PskcWriter.DEFAULT_ITERATIONS)) {
                    for (int i = 0; i < count; i++) {
                        random.nextBytes(secret);
                        Token token = new Token(new Serial(serial(i)), TokenSpec.hotp(HashAlgorithm.SHA1, 6), Seed.of(secret),
                                TokenStatus.VALID, TokenState.initial(random.nextInt(1000)));
                        writer.write(token, new TokenDetails(Optional.of("Bench"), Optional.empty(), Optional.empty()));
                    }
                }
            }
            default -> throw new IllegalArgumentException("format must be pskc, pskc-passphrase or csv, was " + format);
        }
    }

    private static String serial(int i) {
        return String.format("B%08d", i);
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
