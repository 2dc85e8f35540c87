package org.keyfob.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator: Access-Requests over plain UDP from a few sockets (256 identifiers each),
 * answers matched by identifier and checked by their Response Authenticator, retransmitted like a
 * NAS (same identifier and authenticator after {@code --timeout-ms}, {@code --retries} times).
 *
 * <p>Two modes: {@code saturate} keeps {@code --inflight} requests outstanding (closed loop, for
 * the most logins per second); {@code rate} sends {@code --rate} requests per second on a fixed
 * schedule and measures latency from when each request was due, so a stalled server cannot hide
 * its stall (no coordinated omission). Only answers completed during the measured
 * {@code --duration} seconds, after {@code --warmup} seconds, count. Prints one {@code RESULT} line.
 */
final class LoadRun {
    private static final int IDS = 256;
    private static final int RECEIVE_BUFFER_BYTES = 4 << 20;

    private final List<Endpoint> endpoints = new ArrayList<>();
    private final UserPool users;
    private final AccessRequest codec;
    private final long timeoutNanos;
    private final int retries;
    private final Latencies latencies = new Latencies();
    private final LongAdder accepts = new LongAdder();
    private final LongAdder rejects = new LongAdder();
    private final LongAdder challenges = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder retransmits = new LongAdder();
    private final LongAdder strays = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final Semaphore inflight;
    private volatile double serverCpuSeconds = -1;
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureUntil = Long.MAX_VALUE;

    private LoadRun(UserPool users, AccessRequest codec, InetSocketAddress server, int maxInflight, long timeoutNanos,
            int retries) throws IOException {
        this.users = users;
        this.codec = codec;
        this.timeoutNanos = timeoutNanos;
        this.retries = retries;
        this.inflight = new Semaphore(maxInflight);
        int sockets = Math.max(1, (maxInflight + IDS - 1) / IDS);
        for (int i = 0; i < sockets; i++) {
            // As keyfobd does: with the kernel's default buffer (208 KB), answers arriving while this
            // process waits for a core (both servers' bursts, their GC) overflowed it, and each lost
            // answer counted as a 1 s retransmission.
            endpoints.add(new Endpoint(DatagramChannel.open()
                    .setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES).connect(server)));
        }
    }

    /** The RADIUS secret from --secret-file (never the command line, where ps shows it), or the bench default. */
    private static byte[] secret(Args args) throws IOException {
        Optional<String> file = args.optional("secret-file");
        return file.isPresent() ? Files.readString(Path.of(file.get())).strip().getBytes(StandardCharsets.UTF_8)
                : "keyfob-bench-shared-secret".getBytes(StandardCharsets.UTF_8);
    }

    static void main(Args args) throws Exception {
        Optional<String> storeUrl = args.optional("store-url");
        UserPool users = UserPool.load(Path.of(args.string("users", "benchmarks/target/load-store/users.csv")),
                storeUrl);
        String mode = args.string("mode", "saturate");
        int maxInflight = args.integer("inflight", mode.equals("rate") ? 512 : 64);
        LoadRun run = new LoadRun(users,
                new AccessRequest(secret(args)),
                new InetSocketAddress(args.string("host", "127.0.0.1"), args.integer("port", 1812)), maxInflight,
                TimeUnit.MILLISECONDS.toNanos(args.integer("timeout-ms", 1_000)), args.integer("retries", 2));
        double seconds = args.decimal("duration", 20);
        double warmup = args.decimal("warmup", 5);
        double rate = args.decimal("rate", 0);
        run.startThreads();
        run.prime(users.size());
        run.start(seconds, warmup);
        args.optional("server-pid").ifPresent(pid -> run.watchServerCpu(Path.of("/proc", pid, "stat")));
        if (mode.equals("rate")) {
            run.sendAtRate(rate);
        } else {
            run.sendClosedLoop();
        }
        run.drain();
        run.report(args.string("label", "run"), mode, maxInflight, rate, seconds);
    }

    private void start(double seconds, double warmup) {
        long now = System.nanoTime();
        measureFrom = now + (long) (warmup * 1e9);
        measureUntil = measureFrom + (long) (seconds * 1e9);
    }

    /**
     * Logs every user in once before anything is measured, so a server that remembers verified
     * PINs (Keyfob does, as their hashes are deliberately slow) is measured in its steady state.
     */
    private void prime(int count) throws InterruptedException, IOException {
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            inflight.acquire();
            Optional<UserPool.Login> login = users.take(1_000_000);
            if (login.isEmpty()) {
                inflight.release();
                continue;
            }
            send(login.get(), System.nanoTime());
        }
        drain();
        System.err.printf("primed %d users in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
    }

    private void startThreads() {
        for (Endpoint e : endpoints) {
            Thread t = new Thread(e::receive, "bench-receive");
            t.setDaemon(true);
            t.start();
        }
        Thread timer = new Thread(this::retransmitLoop, "bench-timer");
        timer.setDaemon(true);
        timer.start();
    }

    /**
     * Measures the CPU time the server process spends during the measured seconds (from Linux's
     * {@code /proc/PID/stat}), so CPU per login can be reported: a figure that other work on the
     * machine disturbs far less than logins per second.
     */
    private void watchServerCpu(Path stat) {
        Thread t = new Thread(() -> {
            try {
                LockSupport.parkNanos(measureFrom - System.nanoTime());
                double before = cpuSeconds(stat);
                LockSupport.parkNanos(measureUntil - System.nanoTime());
                serverCpuSeconds = cpuSeconds(stat) - before;
            } catch (IOException e) {
                System.err.println("cannot read " + stat + ": " + e.getMessage());
            }
        }, "bench-cpu");
        t.setDaemon(true);
        t.start();
    }

    private static double cpuSeconds(Path stat) throws IOException {
        String line = java.nio.file.Files.readString(stat);
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after "pid (comm) "
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private void sendClosedLoop() throws InterruptedException, IOException {
        while (System.nanoTime() < measureUntil) {
            if (!inflight.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                continue;
            }
            Optional<UserPool.Login> login = users.take(10_000);
            if (login.isEmpty()) {
                inflight.release();
                continue;
            }
            send(login.get(), System.nanoTime());
        }
    }

    private void sendAtRate(double rate) throws IOException {
        if (rate <= 0) {
            throw new IllegalArgumentException("--mode rate needs --rate > 0 (requests per second)");
        }
        long interval = (long) (1e9 / rate);
        long due = System.nanoTime();
        while (due < measureUntil) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            Optional<UserPool.Login> login = Optional.empty();
            if (inflight.tryAcquire()) {
                try {
                    login = users.take(0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (login.isEmpty()) {
                    inflight.release();
                }
            }
            if (login.isPresent()) {
                send(login.get(), due);
            } else if (due >= measureFrom) {
                skipped.increment();
            }
            due += interval;
        }
    }

    private void send(UserPool.Login login, long due) throws IOException {
        while (true) {
            for (Endpoint e : endpoints) {
                Integer id = e.free.poll();
                if (id != null) {
                    e.send(id, login, due);
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }

    /** Waits for what is still in flight: answered or timed out, each user's request ends. */
    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos * (retries + 2);
        while (System.nanoTime() < deadline && endpoints.stream().mapToLong(Endpoint::busy).sum() > 0) {
            Thread.sleep(5);
        }
    }

    private void retransmitLoop() {
        while (true) {
            long now = System.nanoTime();
            for (Endpoint e : endpoints) {
                e.checkTimeouts(now);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }

    private void complete(Slot slot, int code, long now) {
        UserPool.Entry entry;
        long due;
        synchronized (slot) {
            if (!slot.busy) {
                return;
            }
            slot.busy = false;
            entry = slot.login.entry();
            due = slot.due;
        }
        if (inWindow(now)) {
            switch (code) {
                case AccessRequest.ACCESS_ACCEPT -> accepts.increment();
                case AccessRequest.ACCESS_REJECT -> rejects.increment();
                case AccessRequest.ACCESS_CHALLENGE -> challenges.increment();
                default -> timeouts.increment();
            }
            if (code != 0) {
                latencies.add(now - due);
            }
        }
        users.release(entry);
        slot.endpoint.free.add(slot.id);
        inflight.release();
    }

    private boolean inWindow(long now) {
        return now >= measureFrom && now < measureUntil;
    }

    private void report(String label, String mode, int maxInflight, double rate, double seconds) {
        double[] ms = latencies.millis(0.5, 0.99, 0.999, 1.0);
        long answered = accepts.sum() + rejects.sum() + challenges.sum();
        System.out.printf(Locale.ROOT, "RESULT label=%s mode=%s inflight=%d rate=%.0f seconds=%.0f answered_per_s=%.1f"
                        + " accepted_per_s=%.1f accept=%d reject=%d challenge=%d timeout=%d retransmits=%d skipped=%d"
                        + " strays=%d p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f server_cpu_us_per_login=%s%n",
                label, mode, maxInflight, rate, seconds, answered / seconds, accepts.sum() / seconds, accepts.sum(),
                rejects.sum(), challenges.sum(), timeouts.sum(), retransmits.sum(), skipped.sum(), strays.sum(),
                ms[0], ms[1], ms[2], ms[3], serverCpuSeconds < 0 || answered == 0 ? "?"
                        : String.format(Locale.ROOT, "%.0f", serverCpuSeconds * 1e6 / answered));
        if (rejects.sum() > 0) {
            // Every code sent is one the server should accept: a reject means this run measured
            // something else (the counters read with --store-url are not the server's store's).
            System.err.printf(Locale.ROOT, "WARNING %s: %,d of %,d answers were rejects, so this is not the"
                    + " accept path; give --store-url the store the server is serving%n", label, rejects.sum(),
                    answered);
        }
    }

    /** One request outstanding on one identifier. */
    private static final class Slot {
        final Endpoint endpoint;
        final int id;
        final byte[] authenticator = new byte[16];
        UserPool.Login login;
        byte[] packet;
        long due;
        long lastSent;
        int tries;
        boolean busy;

        Slot(Endpoint endpoint, int id) {
            this.endpoint = endpoint;
            this.id = id;
        }
    }

    /** One UDP socket with its 256 identifiers. */
    private final class Endpoint {
        final DatagramChannel channel;
        final Slot[] slots = new Slot[IDS];
        final ArrayBlockingQueue<Integer> free = new ArrayBlockingQueue<>(IDS);

        Endpoint(DatagramChannel channel) {
            this.channel = channel;
            for (int i = 0; i < IDS; i++) {
                slots[i] = new Slot(this, i);
                free.add(i);
            }
        }

        long busy() {
            long n = 0;
            for (Slot s : slots) {
                synchronized (s) {
                    n += s.busy ? 1 : 0;
                }
            }
            return n;
        }

        void send(int id, UserPool.Login login, long due) throws IOException {
            Slot s = slots[id];
            byte[] packet;
            synchronized (s) {
                s.login = login;
                s.packet = codec.encode(id, login.user(), login.password(), s.authenticator);
                s.due = due;
                s.lastSent = System.nanoTime();
                s.tries = 1;
                s.busy = true;
                packet = s.packet;
            }
            channel.write(ByteBuffer.wrap(packet));
        }

        void checkTimeouts(long now) {
            for (Slot s : slots) {
                byte[] resend = null;
                boolean expired = false;
                synchronized (s) {
                    if (!s.busy || now - s.lastSent < timeoutNanos) {
                        continue;
                    }
                    if (s.tries <= retries) {
                        s.tries++;
                        s.lastSent = now;
                        resend = s.packet;
                    } else {
                        expired = true;
                    }
                }
                if (resend != null) {
                    if (inWindow(now)) {
                        retransmits.increment();
                    }
                    try {
                        channel.write(ByteBuffer.wrap(resend));
                    } catch (IOException e) {
                        // The next time-out check retries or gives up; a send error is a lost datagram.
                    }
                } else if (expired) {
                    complete(s, 0, now);
                }
            }
        }

        void receive() {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (true) {
                buffer.clear();
                try {
                    channel.receive(buffer);
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException e) {
                    continue; // ICMP port unreachable while the server starts: the request times out
                }
                long now = System.nanoTime();
                int length = buffer.position();
                byte[] answer = buffer.array();
                if (length < 20) {
                    if (inWindow(now)) {
                        strays.increment();
                    }
                    continue;
                }
                Slot s = slots[answer[1] & 0xff];
                boolean matches;
                synchronized (s) {
                    matches = s.busy && codec.answers(answer, length, s.authenticator);
                }
                if (matches) {
                    complete(s, answer[0] & 0xff, now);
                } else if (inWindow(now)) {
                    strays.increment(); // a late answer to a retransmission, or a bad authenticator
                }
            }
        }
    }
}
