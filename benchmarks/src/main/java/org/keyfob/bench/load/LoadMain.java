package org.keyfob.bench.load;

/**
 * {@code java -cp benchmarks/target/benchmarks.jar org.keyfob.bench.load.LoadMain fill|run --name value...}:
 * see {@link LoadFill} and {@link LoadRun}, and {@code bench/compare.sh} for a whole comparison.
 */
public final class LoadMain {
    private LoadMain() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0 || !(argv[0].equals("fill") || argv[0].equals("run"))) {
            System.err.println("usage: LoadMain fill --dir DIR --tokens N --active M [--pg-url URL]");
            System.err.println("       LoadMain run --users DIR/users.csv [--store-url URL] [--port 1812]"
                    + " [--secret-file F] [--mode saturate|rate] [--inflight N] [--rate R] [--duration s] [--warmup s]"
                    + " [--timeout-ms 1000] [--retries 2] [--label L]");
            System.exit(2);
        }
        Args args = new Args(argv, 1);
        if (argv[0].equals("fill")) {
            LoadFill.main(args);
        } else {
            LoadRun.main(args);
        }
        System.exit(0);
    }
}
