package org.keyfob.server.radius;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The NAS a datagram comes from, by its source address: the most specific block that contains it
 * wins. Clients come from the configuration file and from the store ({@code keyfob client add});
 * a store client with the same block replaces the configured one, and {@link #replaceStoreClients}
 * swaps the store's set in at run time, so changes apply without a restart. Lookups read an
 * immutable snapshot and never block.
 */
public final class NasRegistry {
    private final List<Nas> configured;
    private final AtomicReference<List<Nas>> snapshot;

    public NasRegistry(List<Nas> configured) {
        this.configured = List.copyOf(configured);
        this.snapshot = new AtomicReference<>(sorted(this.configured));
    }

    public Optional<Nas> find(InetAddress source) {
        for (Nas nas : snapshot.get()) {
            if (nas.block().contains(source)) {
                return Optional.of(nas);
            }
        }
        return Optional.empty();
    }

    /** Installs the store's clients over the configured ones. */
    public void replaceStoreClients(List<Nas> fromStore) {
        List<Nas> merged = new ArrayList<>(fromStore);
        for (Nas c : configured) {
            if (fromStore.stream().noneMatch(s -> s.block().equals(c.block()))) {
                merged.add(c);
            }
        }
        snapshot.set(sorted(merged));
    }

    public int size() {
        return snapshot.get().size();
    }

    private static List<Nas> sorted(List<Nas> clients) {
        return clients.stream()
                .sorted(Comparator.comparingInt((Nas n) -> n.block().prefixLength()).reversed())
                .toList();
    }
}
